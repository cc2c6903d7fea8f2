import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { personsApi } from './persons.api';
import { usePersonFormat } from './person-format';

/** Chooses another person through the registry's search (any spelling, identifier or date). */
export function PersonPicker({
  label,
  value,
  onChange,
  error,
  excludeId,
  required = true,
}: {
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
  error?: string | undefined;
  excludeId?: string;
  /** false where linking a person is optional (a booking may name someone unregistered instead). */
  required?: boolean;
}) {
  const intl = useIntl();
  const format = usePersonFormat();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (query.trim().length < 2) return;
    let current = true;
    personsApi
      .search(query.trim(), 10)
      .then(
        (answer) =>
          current &&
          setOptions((previous) => {
            const chosen = previous.filter((o) => o.value === value);
            const found = answer.hits
              .filter((h) => h.person.id !== excludeId && h.person.id !== value)
              .map((h) => ({
                value: h.person.id,
                label: `${h.person.displayName} · ${format.dateOfBirth(h.person.dateOfBirth)}`,
              }));
            return [...chosen, ...found];
          }),
      )
      .catch(() => current && setOptions((previous) => previous.filter((o) => o.value === value)));
    return () => {
      current = false;
    };
  }, [query, excludeId, value, format]);

  return (
    <Select
      label={label}
      description={intl.formatMessage({ id: 'persons.pickerHint' })}
      required={required}
      clearable={!required}
      searchable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={intl.formatMessage({ id: 'persons.pickerNothing' })}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="person-picker"
    />
  );
}
