// An empty log list teaches: with no filters, the request that would make the first log; with
// filters, a way back to everything.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Snippets } from '../../components/Snippets';

export function LogsEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <Paper withBorder p="lg">
        <Stack align="flex-start">
          <Title order={2} size="h4">
            No request matches these filters
          </Title>
          <Text size="sm">Widen the time range or remove a filter.</Text>
          <Button variant="default" onClick={onClear}>
            Clear filters and search
          </Button>
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          No requests in this time range yet
        </Title>
        <Text size="sm">
          Every request through the gateway shows up here within a second, with its body, cost and timings. Send one with a workspace API
          key and a provider of this workspace:
        </Text>
        <Snippets origin={window.location.origin} apiKey="<your API key>" model="@provider/model" />
      </Stack>
    </Paper>
  );
}
