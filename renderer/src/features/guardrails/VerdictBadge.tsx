// A guardrail's or a check's verdict as a status badge: passed, failed, skipped, or pending (an
// async guardrail whose verdict had not arrived). Shared by the guardrails page and the log drawer.
import { Badge } from '@mantine/core';

export function VerdictBadge({ verdict, skipped }: { verdict: boolean | null; skipped?: boolean }) {
  if (skipped) {
    return (
      <Badge variant="outline" color="gray">
        Skipped
      </Badge>
    );
  }
  if (verdict === null) {
    return (
      <Badge variant="outline" color="gray">
        Pending
      </Badge>
    );
  }
  return (
    <Badge variant="dot" color={verdict ? 'green' : 'red'}>
      {verdict ? 'Passed' : 'Failed'}
    </Badge>
  );
}
