// Catches a page that throws while rendering so the shell (nav, sign-out) stays usable.
import { Component, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return <ErrorState error={this.state.error} title="This page failed to show" onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
