import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useIntl } from 'react-intl';

/** Mantine's password input with the show-characters toggle named in the reader's language. */
export function PasswordField(props: PasswordInputProps & { 'data-testid'?: string }) {
  const intl = useIntl();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.showPassword' }) }}
      {...props}
    />
  );
}
