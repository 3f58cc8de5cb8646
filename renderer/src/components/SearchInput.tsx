// The search box of a list page: its text in the URL (`q`), and `/` focuses it.
import { useRef } from 'react';
import { TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useUrlParams } from '../lib/urlState';

export function SearchInput({ label, placeholder, width = 280 }: { label: string; placeholder: string; width?: number }) {
  const [params, update] = useUrlParams();
  const box = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => box.current?.focus()]]);
  return (
    <TextInput
      ref={box}
      aria-label={label}
      placeholder={`${placeholder}  ( / )`}
      leftSection={<IconSearch size={16} />}
      value={params.get('q') ?? ''}
      onChange={(e) => update({ q: e.currentTarget.value })}
      w={width}
    />
  );
}

/** The URL's search text, lower-cased, and a test of a row's text against it. */
export function useSearch(): (text: string) => boolean {
  const [params] = useUrlParams();
  const q = (params.get('q') ?? '').trim().toLowerCase();
  return (text) => !q || text.toLowerCase().includes(q);
}
