// A config's versions, newest first, and the line diff between any two of them.
import { useState } from 'react';
import { Box, Code, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { dateTime } from '../../lib/format';
import { diffLines } from './diff';
import classes from './VersionsPanel.module.css';

const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

export function VersionsPanel({ slug, workspaceId }: { slug: string; workspaceId: string }) {
  const versions = useQuery({
    queryKey: ['configs', 'versions', workspaceId, slug],
    queryFn: () =>
      unwrap(api.GET('/v1/configs/{slug}/versions', { params: { path: { slug }, query: { workspace_id: workspaceId, page_size: 100 } } })),
  });
  const list = [...(versions.data?.data ?? [])].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const a = list.find((v) => v.version_id === from) ?? list[1] ?? null;
  const b = list.find((v) => v.version_id === to) ?? list[0] ?? null;
  const options = list.map((v) => ({ value: v.version_id, label: `Version ${v.version} · ${dateTime(v.last_updated_at)}` }));
  if (versions.error) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <Paper withBorder p="md" component="section" aria-label="Versions">
      <Stack>
        <Title order={3} size="h5">
          Versions ({list.length})
        </Title>
        {list.length < 2 ? (
          <Text size="sm" c="dimmed">
            Each save makes a new version; with two or more you can compare them here.
          </Text>
        ) : (
          <>
            <Group>
              <Select label="Compare" data={options} value={a?.version_id ?? null} onChange={setFrom} allowDeselect={false} w={320} />
              <Select label="With" data={options} value={b?.version_id ?? null} onChange={setTo} allowDeselect={false} w={320} />
            </Group>
            {a && b ? (
              <Box className={classes.diff} role="table" aria-label={`Changes from version ${a.version} to version ${b.version}`}>
                {diffLines(pretty(a.config), pretty(b.config)).map((line, i) => (
                  <div key={i} role="row" className={classes[line.kind]}>
                    <span role="cell" className={classes.sign} aria-label={line.kind}>
                      {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
                    </span>
                    <Code role="cell" className={classes.text}>
                      {line.text}
                    </Code>
                  </div>
                ))}
              </Box>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}
