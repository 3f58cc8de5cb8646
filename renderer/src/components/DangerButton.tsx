// The button that starts a destructive action (it opens a confirmation): outlined red, in the
// shade that keeps 4.5:1 contrast on each theme's background.
import { Button, useComputedColorScheme, type ButtonProps } from '@mantine/core';

export function DangerButton(props: ButtonProps & { onClick: () => void }) {
  const scheme = useComputedColorScheme('light');
  return <Button variant="outline" color={scheme === 'dark' ? 'red.4' : 'red.9'} {...props} />;
}
