// Scopes grouped by resource, each group collapsible with all/none, and one-click role defaults
// (what a workspace member, manager or admin may do), limited to what the key type may hold.
import { Accordion, Button, Checkbox, Group, SimpleGrid, Text } from '@mantine/core';
import { ROLE_DEFAULTS, allowedScopes, groupScopes, type KeyType, type WorkspaceRole } from './keyTypes';

interface Props {
  type: KeyType;
  value: string[];
  onChange: (scopes: string[]) => void;
  error?: string;
}

export function ScopePicker({ type, value, onChange, error }: Props) {
  const allowed = allowedScopes(type);
  const groups = groupScopes(allowed);
  const set = new Set(value);
  const applyRole = (role: WorkspaceRole) => onChange(ROLE_DEFAULTS[role].filter((s) => allowed.includes(s)));
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          Scopes ({value.length} of {allowed.length})
        </Text>
        <Group gap={4}>
          {type !== 'organisation-service'
            ? (['member', 'manager', 'admin'] as const).map((role) => (
                <Button key={role} size="compact-xs" variant="default" onClick={() => applyRole(role)}>
                  As a workspace {role}
                </Button>
              ))
            : null}
          <Button size="compact-xs" variant="default" onClick={() => onChange(['completions.write'].filter((s) => allowed.includes(s)))}>
            Requests only
          </Button>
        </Group>
      </Group>
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Accordion variant="contained" multiple chevronPosition="left">
        {groups.map(([resource, scopes]) => {
          const on = scopes.filter((s) => set.has(s)).length;
          return (
            <Accordion.Item key={resource} value={resource}>
              <Accordion.Control>
                <Text size="sm">
                  {resource}{' '}
                  <Text span c="dimmed" size="xs">
                    ({on}/{scopes.length})
                  </Text>
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Checkbox
                  mb="xs"
                  label={`All of ${resource}`}
                  checked={on === scopes.length}
                  indeterminate={on > 0 && on < scopes.length}
                  onChange={(e) =>
                    onChange(e.currentTarget.checked ? [...new Set([...value, ...scopes])] : value.filter((s) => !scopes.includes(s)))
                  }
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
                  {scopes.map((s) => (
                    <Checkbox
                      key={s}
                      size="xs"
                      label={s}
                      checked={set.has(s)}
                      onChange={(e) => onChange(e.currentTarget.checked ? [...value, s] : value.filter((x) => x !== s))}
                    />
                  ))}
                </SimpleGrid>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </div>
  );
}
