import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Last line of defence outside react-admin's own per-screen boundary: a plain, translated-free
 * message (the i18n layer itself may be what failed) instead of a blank page.
 */
export class RootErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('console crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" style={{ fontFamily: 'system-ui, sans-serif', padding: 32, maxWidth: 640 }}>
        <h1 style={{ fontSize: 22 }}>The console hit an error</h1>
        <p>Reload the page. If it keeps happening, tell your administrator what you were doing.</p>
        <pre style={{ whiteSpace: 'pre-wrap', color: '#b3261e' }}>{this.state.error.message}</pre>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
