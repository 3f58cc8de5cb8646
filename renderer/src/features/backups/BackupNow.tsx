// "Back up now": a passphrase typed twice (as long as the server asks), progress while the
// databases are copied and encrypted, then what was written (name, size, checksum, what it holds)
// with its download.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, Modal, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { BACKUP_MIN_PASSPHRASE } from '../../api/serverTables.gen';
import { Facts } from '../../components/Facts';
import { bytes, count, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { BACKUPS_KEY } from './queries';

/** What is wrong with a passphrase typed twice, before the server is asked; null when nothing. */
export function passphraseProblems(passphrase: string, repeat: string): { passphrase?: string; repeat?: string } {
  if ([...passphrase].length < BACKUP_MIN_PASSPHRASE) return { passphrase: `At least ${BACKUP_MIN_PASSPHRASE} characters` };
  if (repeat !== passphrase) return { repeat: 'The two passphrases differ' };
  return {};
}

export function BackupNow({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/backups', { body: { passphrase } })),
    onSuccess: () => {
      setPassphrase('');
      setRepeat('');
      setChecked(false);
      void client.invalidateQueries({ queryKey: BACKUPS_KEY });
    },
  });
  const local = checked ? passphraseProblems(passphrase, repeat) : {};
  const errors = fieldErrors(create.error, ['passphrase']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(passphraseProblems(passphrase, repeat)).length === 0) create.mutate();
  };
  const close = () => {
    if (create.isPending) return;
    create.reset();
    setChecked(false);
    onClose();
  };
  const done = create.data;
  return (
    <Modal opened={opened} onClose={close} title="Back up now" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {done ? (
        <Stack>
          <Alert color="green" title="Backup written" role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
            <Text size="sm">
              Keep the file and its passphrase apart. The passphrase is not stored anywhere: without it, this backup cannot be restored.
            </Text>
          </Alert>
          <Facts
            label="Backup facts"
            rows={[
              ['Name', <Code key="n">{done.name}</Code>],
              ['Size', bytes(done.size)],
              ['Written', dateTime(done.created_at)],
              [
                'SHA-256',
                <Code key="s" style={{ wordBreak: 'break-all' }}>
                  {done.sha256}
                </Code>,
              ],
              [
                'Holds',
                `${count(done.counts.api_keys)} API keys, ${count(done.counts.configs)} configs, ${count(done.counts.audit_logs)} audit records, ${count(done.counts.request_logs)} request logs`,
              ],
            ]}
          />
          <Group justify="flex-end">
            <Button component="a" href={done.download_url} download={done.name} variant="default" leftSection={<IconDownload size={16} />}>
              Download
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Back up now">
          <Stack>
            <Text size="sm">
              The backup holds every secret of the appliance (its master key, the providers&apos; keys), encrypted with this passphrase. It
              is written into the data directory&apos;s <Code>backups/</Code> folder while requests go on.
            </Text>
            <PasswordInput
              label="Passphrase"
              description={`At least ${BACKUP_MIN_PASSPHRASE} characters; a few unrelated words are easy to type and hard to guess`}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              error={local.passphrase ?? errors.on('passphrase')}
              autoComplete="new-password"
              data-autofocus
              required
            />
            <PasswordInput
              label="Repeat the passphrase"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={local.repeat}
              autoComplete="new-password"
              required
            />
            {errors.general ? (
              <Alert color="red" role="alert" title="The backup was not written">
                {errors.general}
              </Alert>
            ) : null}
            {create.isPending ? (
              <Stack gap={4} role="status" aria-label="Backup progress">
                <Progress value={100} striped animated aria-label="Writing the backup" />
                <Text size="sm">Copying the databases and encrypting them; this takes a few seconds.</Text>
              </Stack>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={create.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Write backup
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
