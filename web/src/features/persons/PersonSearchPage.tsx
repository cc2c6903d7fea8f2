import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { type ApiError, toApiError } from '../../api/client';
import { useRequestPurpose } from '../../api/purpose';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { PersonHitCard } from './PersonSummaryCard';
import { type SearchAnswer, personsApi } from './persons.api';

const DEBOUNCE_MS = 250;

/** The one search box: any spelling, original script, partial date or identifier; ranked hits with reasons. */
export function PersonSearchPage() {
  const intl = useIntl();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  // Enter searches at once: it sets the query without waiting for the pause in typing.
  const [submitted, setSubmitted] = useState<string>();
  const query = (submitted ?? debounced).trim();
  const [result, setResult] = useState<{ query: string; answer?: SearchAnswer; error?: ApiError }>();
  // Whom the search shows, and by which name, depends on the purpose of work: a new purpose searches again.
  const purpose = useRequestPurpose();

  useEffect(() => {
    setParams(query ? { q: query } : {}, { replace: true });
  }, [query, setParams]);

  useEffect(() => {
    if (!query) return;
    let current = true;
    personsApi
      .search(query)
      .then((answer) => current && setResult({ query, answer }))
      .catch((e: unknown) => current && setResult({ query, error: toApiError(e) }));
    return () => {
      current = false;
    };
  }, [query, purpose]);

  const shown = query && result ? result : undefined;
  const hits = shown?.answer?.hits ?? [];
  const searching = query !== '' && result?.query !== query;

  return (
    <Page
      title={intl.formatMessage({ id: 'persons.title' })}
      actions={
        <Button
          component={Link}
          to="/persons/new"
          leftSection={<IconPlus size={18} aria-hidden />}
          data-testid="person-create"
        >
          {intl.formatMessage({ id: 'persons.create' })}
        </Button>
      }
    >
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(text);
        }}
      >
        <TextInput
          label={intl.formatMessage({ id: 'persons.searchLabel' })}
          description={intl.formatMessage({ id: 'persons.searchHint' })}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setSubmitted(undefined);
          }}
          leftSection={<IconSearch size={18} aria-hidden />}
          size="md"
          type="search"
          dir="auto"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          data-testid="person-search"
        />
      </form>
      <ErrorAlert error={shown?.error} />
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="search-count">
        {query === ''
          ? intl.formatMessage({ id: 'persons.searchEmpty' })
          : searching
            ? intl.formatMessage({ id: 'persons.searching' })
            : intl.formatMessage({ id: 'persons.hitCount' }, { count: hits.length })}
      </Text>
      {searching && !shown?.answer ? (
        <Loading />
      ) : (
        hits.length > 0 && (
          <Stack
            gap="sm"
            component="ol"
            className="plain-list"
            aria-label={intl.formatMessage({ id: 'persons.results' })}
          >
            {hits.map((hit) => (
              <PersonHitCard key={hit.person.id} hit={hit} />
            ))}
          </Stack>
        )
      )}
    </Page>
  );
}
