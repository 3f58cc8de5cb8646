// Scheduled backups: on or off, the folder they go to, how often, how many to keep, and the
// passphrase (kept sealed under the master key, never shown); when the last one ran and how it went,
// and when the next is due. The server's refusal of a value shows under that field.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { BACKUP_MIN_PASSPHRASE } from '../../api/serverTables.gen';
import { ErrorState } from '../../components/ErrorState';
import { ago, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { passphraseProblems } from './BackupNow';
import { BACKUPS_KEY } from './queries';

type ScheduleView = ResponseOf<'/v1/admin/backups/schedule', 'get'>;
const SCHEDULE_KEY = [...BACKUPS_KEY, 'schedule'];

export function Schedule() {
  const current = useQuery({ queryKey: SCHEDULE_KEY, queryFn: () => unwrap(api.GET('/v1/admin/backups/schedule')) });
  return (
    <Paper withBorder p="md" component="section" aria-label="Scheduled backups">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Scheduled backups
        </Title>
        {current.error ? <ErrorState error={current.error} onRetry={() => void current.refetch()} /> : null}
        {current.data ? <ScheduleForm schedule={current.data} /> : null}
        {current.isPending ? <Loader size="sm" aria-label="Loading the schedule" /> : null}
      </Stack>
    </Paper>
  );
}

function LastRun({ schedule: s }: { schedule: ScheduleView }) {
  if (!s.last_run_at) return <Text size="sm">No scheduled backup has run yet.</Text>;
  return (
    <Group gap="xs">
      <Text size="sm" title={dateTime(s.last_run_at)}>
        Last run {ago(s.last_run_at)}:
      </Text>
      {s.last_result?.ok ? (
        <Badge variant="dot" color="green" tt="none">
          wrote {s.last_result.name}
        </Badge>
      ) : (
        <>
          <Badge color="red.9" variant="filled" tt="none">
            failed
          </Badge>
          <Text size="sm">{s.last_result?.error}</Text>
        </>
      )}
    </Group>
  );
}

function ScheduleForm({ schedule: s }: { schedule: ScheduleView }) {
  const client = useQueryClient();
  const [enabled, setEnabled] = useState(s.enabled);
  const [folder, setFolder] = useState(s.folder ?? '');
  const [interval, setInterval] = useState<number | string>(s.interval_hours);
  const [keep, setKeep] = useState<number | string>(s.keep);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/v1/admin/backups/schedule', {
          body: {
            enabled,
            folder: folder.trim() || null,
            interval_hours: Number(interval),
            keep: Number(keep),
            ...(passphrase ? { passphrase } : {}),
          },
        }),
      ),
    onSuccess: (next) => {
      setPassphrase('');
      setRepeat('');
      setChecked(false);
      client.setQueryData(SCHEDULE_KEY, next);
      void client.invalidateQueries({ queryKey: [...BACKUPS_KEY, 'list'] });
    },
  });
  // A passphrase is checked here only when one is typed; leaving it empty keeps the one set before.
  const local = checked && passphrase ? passphraseProblems(passphrase, repeat) : {};
  const errors = fieldErrors(save.error, ['enabled', 'folder', 'interval_hours', 'keep', 'passphrase']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (passphrase && Object.keys(passphraseProblems(passphrase, repeat)).length > 0) return;
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Backup schedule">
      <Stack gap="sm" maw={720}>
        <LastRun schedule={s} />
        {s.next_run_at || s.updated_at ? (
          <Text size="sm">
            {s.next_run_at ? `Next run: ${dateTime(s.next_run_at)} (the schedule is looked at every minute). ` : 'Not scheduled. '}
            {s.updated_at ? `Set ${ago(s.updated_at)} by ${s.updated_by ?? 'unknown'}.` : ''}
          </Text>
        ) : null}
        <Switch label="Back up on a schedule" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <TextInput
          label="Folder"
          description="An absolute path the appliance can write, e.g. a mounted backup disk. Under the systemd unit, add it to ReadWritePaths=."
          placeholder="/srv/backups/airgap"
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          required={enabled}
          error={errors.on('folder')}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Every (hours)"
            min={1}
            max={24 * 31}
            allowDecimal={false}
            value={interval}
            onChange={setInterval}
            error={errors.on('interval_hours')}
          />
          <NumberInput
            label="Keep the newest"
            description="scheduled backups in the folder"
            min={1}
            max={1000}
            allowDecimal={false}
            value={keep}
            onChange={setKeep}
            error={errors.on('keep')}
          />
        </Group>
        <Group grow align="flex-start">
          <PasswordInput
            label="Passphrase"
            description={
              s.passphrase_set ? 'Leave empty to keep the passphrase set before' : `At least ${BACKUP_MIN_PASSPHRASE} characters`
            }
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={local.passphrase ?? errors.on('passphrase')}
            autoComplete="new-password"
          />
          <PasswordInput
            label="Repeat the passphrase"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={local.repeat}
            autoComplete="new-password"
          />
        </Group>
        {errors.general ? (
          <Alert color="red" role="alert" title="The schedule was not saved">
            {errors.general}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save schedule
          </Button>
          {save.isSuccess ? (
            <Text size="sm" c="green.8" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
