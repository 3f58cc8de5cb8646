// A drawer's facts as a two-column table (label, value), named for screen readers and tests.
import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

export function Facts({ label, rows }: { label: string; rows: [string, ReactNode][] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w={170} fw={500} c="dimmed">
              {k}
            </Table.Th>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
