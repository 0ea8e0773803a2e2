/**
 * @module widgets/base/action-runner
 * One action of a widget at a time (save, revoke, retry…): the shape every admin widget shares. A
 * second click while an action is on its way does nothing; the widget's last message and error are
 * cleared when an action starts; after the API call succeeds the widget reloads what it changed and
 * only then says so (the live region speaks once the list shows the change); a failure of the call
 * or of the reload is said in the page's language by the widget's own `fail`.
 *
 * The widget keeps its own message and error fields (its template, parts, `aria-live` region and
 * `role="alert"` stay as they are); the runner only decides when each hook is called and keeps
 * `running`, re-rendering the host when it changes, so buttons can be disabled while it is set.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from './api-error.ts';

/** How a widget reports its actions; `M` is what a successful step hands to `done` (usually a message). */
export interface ActionHooks<M> {
  /** An action starts: clear the last action's message and error. */
  start(): void;
  /** Reloads what an action changed, after its step succeeded and before `done` is called. */
  refresh?: () => Promise<unknown>;
  /** Says what the step did. */
  done(result: M): void;
  /** Says why the step (or the reload after it) failed. */
  fail(error: ApiError): unknown;
  /** Called after every action however it ended (e.g. closes a confirmation). */
  settle?: () => void;
}

/** Per-action choices. */
export interface ActionOptions<M> {
  /** What `running` says while this action is on its way (default `'action'`), e.g. for a 'Checking…' label. */
  name?: string;
  /** `false`: this action changes nothing the reload would show (it is skipped). */
  refresh?: boolean;
  /** This action's own way of saying a failure, instead of the hooks' `fail`. */
  fail?: (error: ApiError) => unknown;
  /** This action's own way of clearing, instead of the hooks' `start`. */
  start?: () => void;
  /** This action's own way of saying its result, instead of the hooks' `done`. */
  done?: (result: M) => void;
}

/** How `run` ended: `'busy'` means another action was on its way and this one did nothing. */
export type ActionOutcome = 'done' | 'failed' | 'busy';

/**
 * @example
 * class CrmKeys extends CrmElement {
 *   @state() private message = '';
 *   @state() private error = '';
 *   private readonly api = new ApiController(this);
 *   private readonly action = new ActionRunner<string>(this, {
 *     start: () => ((this.message = ''), (this.error = '')),
 *     refresh: () => this.load(),
 *     done: (message) => (this.message = message),
 *     fail: (e) => (this.error = errorMessage(this, e)),
 *   });
 *   private revoke(id: string) {
 *     return this.action.run(async () => {
 *       await this.api.post(`/api/keys/${id}/revoke`);
 *       return t(this, 'revoked');
 *     });
 *   }
 *   override render() {
 *     return html`<button ?disabled=${this.action.busy} @click=${() => this.revoke('k1')}>…</button>`;
 *   }
 * }
 */
export class ActionRunner<M = string> {
  /** The name of the action on its way, or `null`. */
  running: string | null = null;

  readonly #host: Pick<ReactiveControllerHost, 'requestUpdate'>;
  readonly #hooks: ActionHooks<M>;

  /** `host` is re-rendered when `running` changes (a Lit element, or anything with `requestUpdate`). */
  constructor(host: Pick<ReactiveControllerHost, 'requestUpdate'>, hooks: ActionHooks<M>) {
    this.#host = host;
    this.#hooks = hooks;
  }

  /** True while an action is on its way. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Runs `step` unless another action is on its way: clears, calls, reloads, says the result; or
   * says the failure. Resolves when all of it is done (the host may not have rendered it yet).
   */
  async run(step: () => Promise<M>, options: ActionOptions<M> = {}): Promise<ActionOutcome> {
    if (this.running !== null) return 'busy';
    this.running = options.name ?? 'action';
    this.#host.requestUpdate();
    (options.start ?? this.#hooks.start)();
    try {
      const result = await step();
      if (options.refresh !== false) await this.#hooks.refresh?.();
      (options.done ?? this.#hooks.done)(result);
      return 'done';
    } catch (error) {
      await (options.fail ?? this.#hooks.fail)(error as ApiError);
      return 'failed';
    } finally {
      this.#hooks.settle?.();
      this.running = null;
      this.#host.requestUpdate();
    }
  }
}
