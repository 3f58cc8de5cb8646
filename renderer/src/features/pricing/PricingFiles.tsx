// The pricing files of every folder (bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH, the data dir's
// pricing/), each with its SHA-256 and whether it is in use or was refused (why, and which earlier
// version still prices its models); "Reload" reads them all now. A row opens the file's details.
import { Alert, Badge, Button, Code, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconReload } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, bytes, count, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';

type FileList = ResponseOf<'/v1/admin/pricing/files', 'get'>;
type PricingFile = FileList['data'][number];

export const FILES_KEY = ['pricing', 'files'] as const;

export const LAYER_LABELS: Record<string, string> = {
  bundled: 'Bundled with the appliance',
  MODEL_CONFIGS_PRICING_LOCAL_PATH: 'MODEL_CONFIGS_PRICING_LOCAL_PATH',
  data: 'Data directory',
};
const LAYER_ORDER = ['bundled', 'MODEL_CONFIGS_PRICING_LOCAL_PATH', 'data'];

export const shortSha = (sha: string | null) => (sha ? sha.slice(0, 12) : '—');
const fileId = (f: PricingFile) => `${f.layer}/${f.name}`;

export function useFiles() {
  return useQuery({ queryKey: FILES_KEY, queryFn: () => unwrap(api.GET('/v1/admin/pricing/files')) });
}

export function PricingFiles() {
  const client = useQueryClient();
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const files = useFiles();
  const reload = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/pricing/reload')),
    onSuccess: (fresh) => {
      client.setQueryData(FILES_KEY, fresh);
      void client.invalidateQueries({ queryKey: ['pricing', 'prices'] });
    },
  });
  const all = [...(files.data?.data ?? [])].sort(
    (a, b) => a.provider.localeCompare(b.provider) || LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer),
  );
  const rows = all.filter((f) => matches(`${f.provider} ${f.name} ${f.path}`));
  const refused = all.filter((f) => f.status === 'refused');
  const open = all.find((f) => fileId(f) === params.get('file')) ?? null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Pricing files">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Pricing files
          </Title>
          <Button variant="default" leftSection={<IconReload size={16} />} onClick={() => reload.mutate()} loading={reload.isPending}>
            Reload
          </Button>
        </Group>
        {reload.error ? <ErrorState error={reload.error} title="The pricing files were not read again" /> : null}
        {files.error ? <ErrorState error={files.error} onRetry={() => void files.refetch()} /> : null}
        {files.data ? (
          <>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {files.data.folders.map((l, i) => (
                <Paper withBorder p="sm" key={l.layer} component="section" aria-label={`Folder: ${LAYER_LABELS[l.layer] ?? l.layer}`}>
                  <Group gap="xs">
                    <Badge variant="default">{i + 1}</Badge>
                    <Text fw={600} size="sm">
                      {LAYER_LABELS[l.layer] ?? l.layer}
                    </Text>
                  </Group>
                  <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }}>
                    {l.dir ? <Code>{l.dir}</Code> : 'Not set'} {l.dir && !l.exists ? '(no such folder)' : ''}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              Later folders win: a file named after the AI service (<code>vllm.json</code>, in US cents per unit) re-prices the models it
              lists and leaves the others to the earlier files. A file dropped into the last two folders is checked and used within a
              second; one that fails the check is refused and the version accepted before stays in use. Reload reads every file now.
            </Text>
          </>
        ) : null}
        {refused.length > 0 ? (
          <Alert color="yellow" role="alert" title={`${refused.length} pricing file${refused.length === 1 ? ' is' : 's are'} refused`}>
            {refused.map((f) => (
              <Text size="sm" key={fileId(f)}>
                <Code>{f.path}</Code>: {f.error}
              </Text>
            ))}
          </Alert>
        ) : null}
        <Group>
          <SearchInput label="Search pricing files" placeholder="Search by AI service or file" />
        </Group>
        <Table aria-label="Pricing files" fz="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>AI service</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>Folder</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Models</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>Changed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={fileId(f)} onClick={() => update({ file: fileId(f) })} style={{ cursor: 'pointer' }}>
                <Table.Td ff="monospace">{f.provider}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    ff="monospace"
                    onClick={(e) => {
                      e.stopPropagation();
                      update({ file: fileId(f) });
                    }}
                    aria-label={`Open ${f.name} (${LAYER_LABELS[f.layer] ?? f.layer})`}
                  >
                    {f.name}
                  </Button>
                </Table.Td>
                <Table.Td>{LAYER_LABELS[f.layer] ?? f.layer}</Table.Td>
                <Table.Td>
                  <Status file={f} />
                </Table.Td>
                <Table.Td>{count(f.models)}</Table.Td>
                <Table.Td ff="monospace" title={f.sha256 ?? undefined}>
                  {shortSha(f.sha256)}
                </Table.Td>
                <Table.Td title={f.modified_at ? dateTime(f.modified_at) : undefined}>{f.modified_at ? ago(f.modified_at) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <FileDrawer file={open} onClose={() => update({ file: null })} onShowPrices={(provider) => update({ file: null, provider })} />
    </Paper>
  );
}

function Status({ file: f }: { file: PricingFile }) {
  if (f.status === 'active')
    return (
      <Badge variant="dot" color="green" tt="none">
        in use
      </Badge>
    );
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color="red.9" variant="filled" tt="none">
          refused
        </Badge>
      </Group>
      <Text size="xs">{f.error}</Text>
      <Text size="xs" c="dimmed">
        {f.active_sha256
          ? `Still in use: the version accepted ${f.accepted_at ? ago(f.accepted_at) : 'before'} (${shortSha(f.active_sha256)}).`
          : 'No earlier version: its models keep the prices of the earlier folders.'}
      </Text>
    </Stack>
  );
}

function FileDrawer({
  file: f,
  onClose,
  onShowPrices,
}: {
  file: PricingFile | null;
  onClose: () => void;
  onShowPrices: (provider: string) => void;
}) {
  const shown = f;
  return (
    <Drawer
      opened={f !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{shown ? `${shown.name} · ${LAYER_LABELS[shown.layer] ?? shown.layer}` : ''}</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown ? (
        <Stack>
          <Facts
            label="Pricing file facts"
            rows={[
              [
                'Path',
                <Code key="p" style={{ wordBreak: 'break-all' }}>
                  {shown.path}
                </Code>,
              ],
              ['AI service', <Code key="a">{shown.provider}</Code>],
              ['Status', <Status key="s" file={shown} />],
              [
                'SHA-256 on disk',
                <Code key="d" style={{ wordBreak: 'break-all' }}>
                  {shown.sha256 ?? '—'}
                </Code>,
              ],
              [
                'SHA-256 in use',
                <Code key="u" style={{ wordBreak: 'break-all' }}>
                  {shown.active_sha256 ?? 'none'}
                </Code>,
              ],
              ['Models', count(shown.models)],
              ['Size', bytes(shown.size)],
              ['Modified', dateTime(shown.modified_at)],
              ['Accepted', dateTime(shown.accepted_at)],
            ]}
          />
          <Button variant="default" w="fit-content" onClick={() => onShowPrices(shown.provider)}>
            Show the prices of {shown.provider}
          </Button>
        </Stack>
      ) : null}
    </Drawer>
  );
}
