import { Component } from 'preact';
import type { ComponentChildren } from 'preact';

interface Props {
  children: ComponentChildren;
  onReset?: () => void;
}
interface State {
  error: string | null;
}

/** Shows a message and a reset button instead of a blank panel when rendering fails. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.split('\n')[0] || 'unknown error' };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Coveo Hub Inspector panel error:', error);
  }

  reset = (): void => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error !== null) {
      return (
        <div class="crash" role="alert" data-testid="panel-crash">
          <p>The panel hit an error and stopped drawing: {this.state.error}</p>
          <button type="button" onClick={this.reset}>
            Reset the panel
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
