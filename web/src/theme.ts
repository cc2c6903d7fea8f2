import { Badge, type CSSVariablesResolver, type MantineColorsTuple, createTheme } from '@mantine/core';

// A dark petrol: white text on shade 7 reaches 6.1:1, shade 9 on shade 1 (light variants) 8.4:1 (WCAG AA).
const lotse: MantineColorsTuple = [
  '#e6f4f6',
  '#cce6eb',
  '#9dcfd8',
  '#6bb7c4',
  '#43a2b3',
  '#2a94a7',
  '#1a7f91',
  '#0f6b7c',
  '#0b5a69',
  '#06434f',
];

export const theme = createTheme({
  primaryColor: 'lotse',
  primaryShade: 7,
  colors: { lotse },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, Arial, sans-serif',
  headings: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, Arial, sans-serif',
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    // Badges carry names (roles, legal domains), not shouting labels; in table cells they must not be cut off.
    Badge: Badge.extend({
      defaultProps: { tt: 'none' },
      styles: { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } },
    }),
  },
});

// Mantine's defaults for dimmed text, errors and placeholders are too light for 4.5:1 on white.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-lotse-8)',
  },
  dark: {},
});
