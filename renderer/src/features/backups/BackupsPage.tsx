// Backups (docs/adr/0024): "Back up now" with a passphrase, the backups in the data dir and the
// schedule's folder (download, delete after naming it), the schedule itself, and how to restore,
// which happens with the appliance stopped, from the command line.
import { useState } from 'react';
import { Button, Code, Group, List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDatabaseExport, IconDownload } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { CodeBlock } from '../../components/CodeBlock';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, bytes, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { BackupNow } from './BackupNow';
import { BACKUPS_KEY } from './queries';
import { Schedule } from './Schedule';

type Backup = ResponseOf<'/v1/admin/backups', 'get'>['data'][number];

export default function BackupsPage() {
  const client = useQueryClient();
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const [deleting, setDeleting] = useState<Backup | null>(null);
  const list = useQuery({ queryKey: [...BACKUPS_KEY, 'list'], queryFn: () => unwrap(api.GET('/v1/admin/backups')) });
  const remove = useMutation({
    mutationFn: (name: string) => unwrap(api.DELETE('/v1/admin/backups/{name}', { params: { path: { name } } })),
    onSuccess: () => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: BACKUPS_KEY });
    },
  });
  const rows = (list.data?.data ?? []).filter((b) => matches(`${b.name} ${b.folder}`));
  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search backups" placeholder="Search by name or folder" />
        <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => update({ backup: '1' })}>
          Back up now
        </Button>
      </Group>
      <Text size="sm" c="dimmed" maw={900}>
        One file holds everything needed to bring the appliance back: the metadata database, the request logs, the master key, the pricing
        files and the TLS material, encrypted with a passphrase. Keep the passphrase apart from the files: without it a backup cannot be
        restored.
      </Text>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? (
        <Text size="sm" role="status">
          No backups yet. &quot;Back up now&quot; writes one into the data directory&apos;s <Code>backups/</Code> folder; a schedule writes
          them into a folder you name, keeping the newest.
        </Text>
      ) : (
        <Table aria-label="Backups" fz="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Folder</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Written</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={`${b.folder}/${b.name}`}>
                <Table.Td ff="monospace">{b.name}</Table.Td>
                <Table.Td ff="monospace">{b.folder}</Table.Td>
                <Table.Td>{bytes(b.size)}</Table.Td>
                <Table.Td title={dateTime(b.created_at)}>{ago(b.created_at)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Button
                      component="a"
                      href={b.download_url}
                      download={b.name}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconDownload size={14} />}
                      aria-label={`Download ${b.name}`}
                    >
                      Download
                    </Button>
                    <DangerButton size="compact-sm" onClick={() => setDeleting(b)} aria-label={`Delete ${b.name}`}>
                      Delete
                    </DangerButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Schedule />
      <Restore />
      <BackupNow opened={params.get('backup') === '1'} onClose={() => update({ backup: null })} />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        consequence={`The file is removed from ${deleting?.folder ?? 'its folder'}. Copies you downloaded are not affected.`}
        name={deleting?.name ?? ''}
        action="Delete backup"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.name)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}

function Restore() {
  return (
    <Paper withBorder p="md" component="section" aria-label="Restoring a backup">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Restoring a backup
        </Title>
        <Text size="sm">
          A backup is restored from the command line into a stopped appliance&apos;s data directory, or a new one; never into a running
          appliance.
        </Text>
        <List size="sm" type="ordered" spacing={4}>
          <List.Item>
            Stop the appliance (<Code>sudo systemctl stop airgap-ai-gateway</Code> for the Linux package, or quit the desktop app).
          </List.Item>
          <List.Item>
            Copy the backup file to the machine and run, from the appliance&apos;s folder (the data directory is{' '}
            <Code>APPLIANCE_DATA_DIR</Code>: <Code>/var/lib/airgap-ai-gateway</Code> for the Linux package, <Code>./data</Code> by default):
            <CodeBlock code="npm run restore -- FILE --data-dir DATA_DIR" label="Copy restore command" language="sh" />
          </List.Item>
          <List.Item>Start the appliance again.</List.Item>
        </List>
        <Text size="sm">
          It asks for the passphrase (or reads <Code>BACKUP_PASSPHRASE</Code> or <Code>--passphrase-file</Code>). A data directory that is
          not empty is moved aside with <Code>--replace</Code>, never deleted. A wrong passphrase, a truncated or altered file, or a backup
          made by a newer version is refused with its own message, and a failed restore leaves the directory as it was.
        </Text>
      </Stack>
    </Paper>
  );
}
