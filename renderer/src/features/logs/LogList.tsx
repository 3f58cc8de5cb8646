// The log list: newest first, virtualised (only the rows in view are in the DOM, so thousands of
// rows scroll smoothly), loading the next page by cursor as the end comes into view.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Box, Group, Loader, Text } from '@mantine/core';
import { ago, count, dateTime, ms, usdFromCents } from '../../lib/format';
import { statusColor, type LogEntry } from './logRow';
import classes from './LogList.module.css';

const ROW_HEIGHT = 40;
const COLUMNS = ['Time', 'Status', 'Model', 'Provider', 'Tokens', 'Cost', 'Latency', 'Cache'];

interface Props {
  rows: LogEntry[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (id: string) => void;
  selected: string | null;
}

export function LogList({ rows, total, hasMore, loadingMore, onLoadMore, onOpen, selected }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual's measuring API is not memoisable, which the React Compiler lint knows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && last >= rows.length - 20) onLoadMore();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);

  const now = Date.now();
  return (
    <Box role="table" aria-label="Request logs" aria-rowcount={total + 1} className={classes.table}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.head}`}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c}>
              {c}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className={classes.scroller} role="rowgroup">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const log = rows[item.index]!;
            const m = log.metrics;
            const status = m.response_status_code ?? log.response.status ?? null;
            return (
              <div
                key={log.id}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={0}
                className={classes.row}
                data-selected={selected === log.id || undefined}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => onOpen(log.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(log.id);
                  }
                }}
              >
                <div role="cell" title={dateTime(m.created_at)}>
                  {ago(m.created_at, now)}
                </div>
                <div role="cell">
                  <Badge color={statusColor(status)} variant="dot" size="sm">
                    {status ?? '—'}
                  </Badge>
                </div>
                <div role="cell" className={classes.mono}>
                  {m.ai_model ?? '—'}
                </div>
                <div role="cell" className={classes.mono}>
                  {m.virtual_key ? `@${m.virtual_key}` : (m.ai_org ?? '—')}
                </div>
                <div role="cell" className={classes.num}>
                  {count(m.total_units)}
                </div>
                <div role="cell" className={classes.num}>
                  {m.is_priced === false ? 'unpriced' : usdFromCents(m.cost)}
                </div>
                <div role="cell" className={classes.num}>
                  {ms(m.response_time)}
                </div>
                <div role="cell">{m.cache_status && m.cache_status !== 'DISABLED' ? m.cache_status : '—'}</div>
              </div>
            );
          })}
        </div>
        {loadingMore ? (
          <Group justify="center" p="xs">
            <Loader size="xs" aria-label="Loading more logs" />
          </Group>
        ) : null}
        {!hasMore && rows.length > 0 ? (
          <Text size="xs" c="dimmed" ta="center" p="xs">
            End of the list
          </Text>
        ) : null}
      </div>
    </Box>
  );
}
