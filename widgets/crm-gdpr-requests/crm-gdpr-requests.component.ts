/**
 * @module widgets/crm-gdpr-requests/component
 * `<crm-gdpr-requests>`: the data protection officer's register of data-subject requests (GDPR Art.
 * 12, 15–21). The list shows each request with its deadline, overdue ones highlighted; a request is
 * registered for a client found by name or PESEL (or with what the person gave); an open request
 * offers what its kind needs — the access export as JSON or PDF, the erasure with a confirmation
 * that says what is kept and why, a restriction or objection put in force — and the deadline's
 * extension (once, with the reason) and closing with the decision and its basis. Over `/api/gdpr`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { downloadExport } from '../base/export-download.ts';
import { defineTranslations, errorMessage } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';

type Kind = 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability';
const kinds: Kind[] = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection'];

interface GdprRequest {
  id: string;
  kind: Kind;
  clientId: string | null;
  clientName: string | null;
  identifiers: Record<string, string>;
  receivedOn: string;
  dueOn: string;
  extendedTo: string | null;
  extensionReason: string | null;
  due: string;
  overdue: boolean;
  status: 'open' | 'extended' | 'done' | 'refused';
  decision: string | null;
  basis: string | null;
  outcome: { exports?: Array<{ at: string; format: string }> } | null;
}
interface Preview {
  pseudonym: string;
  erased: string[];
  erasedKeys?: string[];
  kept: Array<{ key?: string; what: string; rows: number; why: string }>;
}
interface ClientHit {
  id: string;
  displayName: string;
}

const t = defineTranslations({
  pl: {
    title: 'Żądania osób (RODO)',
    active: 'Tylko otwarte',
    kind: 'Rodzaj',
    person: 'Osoba',
    received: 'Wpłynęło',
    due: 'Termin',
    status: 'Status',
    overdue: 'po terminie',
    none: 'Brak żądań.',
    open: 'Otwórz',
    kindLabel: (k: string) =>
      (
        ({
          access: 'Dostęp (art. 15)',
          portability: 'Przenoszenie (art. 20)',
          rectification: 'Sprostowanie (art. 16)',
          erasure: 'Usunięcie (art. 17)',
          restriction: 'Ograniczenie (art. 18)',
          objection: 'Sprzeciw (art. 21)',
        }) as Record<string, string>
      )[k] ?? k,
    statusLabel: (k: string) =>
      (({ open: 'otwarte', extended: 'przedłużone', done: 'zakończone', refused: 'odmowa' }) as Record<string, string>)[
        k
      ] ?? k,
    register: 'Zarejestruj żądanie',
    search: 'Klient (nazwisko lub PESEL)',
    find: 'Szukaj',
    pick: 'Wybierz klienta',
    notFound: 'Nie znaleziono klienta — podaj, jak osoba się przedstawiła:',
    name: 'Imię i nazwisko',
    email: 'E-mail',
    phone: 'Telefon',
    pesel: 'PESEL',
    receivedOn: 'Data wpływu',
    save: 'Zarejestruj',
    registered: (due: string) => `Zarejestrowano. Termin odpowiedzi: ${due}.`,
    unknown: 'osoba nieodnaleziona',
    exportJson: 'Pobierz dane (JSON)',
    exportPdf: 'Pobierz dane (PDF)',
    exported: (n: number) => `Wydano kopię danych: ${n}×.`,
    preview: 'Sprawdź, co zostanie usunięte',
    erasedList: 'Zostanie usunięte:',
    erasedItem: (k: string) =>
      ({
        record: 'dane klienta (pola, nazwisko, indeks wyszukiwania, skróty identyfikatorów)',
        notes: 'notatki ze zmian statusu i kontaktów',
        calendar: 'tytuły, notatki i miejsca spotkań',
        messages: 'odbiorcy i treść wiadomości',
        evidence: 'pochodzenie zgód, nazwisko i PDF informacji przedumownych, dane z żądań',
        'free-texts': 'kopie w tekstach (korekty, zapytania, problemy importu)',
      })[k] ?? k,
    keptItem: (k: string) =>
      ({
        sales: 'sprzedaż',
        'commission-lines': 'pozycje prowizyjne (i rozliczające je zestawienia)',
        disclosures: 'informacje przedumowne (data, kwoty, skrót PDF; bez nazwiska i PDF)',
      })[k] ?? k,
    keptWhy: (k: string): string =>
      k === 'disclosures'
        ? 'art. 17 ust. 3 lit. b RODO: dowód obowiązku z art. 17 ustawy o kredycie hipotecznym'
        : 'art. 17 ust. 3 lit. b RODO: dokumentacja księgowa i podatkowa, którą firma musi przechowywać',
    keptList: 'Zostanie zachowane (w postaci pseudonimizowanej):',
    pseudonym: (p: string) => `Klient będzie widoczny jako „${p}”.`,
    confirm: 'Rozumiem, że usunięcia nie można cofnąć',
    erase: 'Usuń dane osoby',
    execute: 'Wykonaj',
    rectify: 'Popraw dane na karcie klienta, potem zamknij żądanie z opisem zmian.',
    extend: 'Przedłuż termin',
    months: 'O ile miesięcy',
    reason: 'Powód (zostanie przekazany osobie)',
    close: 'Zamknij żądanie',
    done: 'zrealizowane',
    refused: 'odmowa',
    decision: 'Decyzja',
    basis: 'Podstawa prawna',
    extendedTo: (d: string, r: string) => `Przedłużono do ${d}: ${r}`,
    decided: 'Decyzja',
    back: 'Wróć do listy',
  },
  en: {
    title: 'Data-subject requests (GDPR)',
    active: 'Open only',
    kind: 'Kind',
    person: 'Person',
    received: 'Received',
    due: 'Due',
    status: 'Status',
    overdue: 'overdue',
    none: 'No requests.',
    open: 'Open',
    kindLabel: (k: string) =>
      (
        ({
          access: 'Access (Art. 15)',
          portability: 'Portability (Art. 20)',
          rectification: 'Rectification (Art. 16)',
          erasure: 'Erasure (Art. 17)',
          restriction: 'Restriction (Art. 18)',
          objection: 'Objection (Art. 21)',
        }) as Record<string, string>
      )[k] ?? k,
    statusLabel: (k: string) =>
      (({ open: 'open', extended: 'extended', done: 'done', refused: 'refused' }) as Record<string, string>)[k] ?? k,
    register: 'Register a request',
    search: 'Client (name or PESEL)',
    find: 'Search',
    pick: 'Choose the client',
    notFound: 'No client found — give what the person identified themselves by:',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    pesel: 'PESEL',
    receivedOn: 'Received on',
    save: 'Register',
    registered: (due: string) => `Registered. Due on ${due}.`,
    unknown: 'person not found',
    exportJson: 'Download the data (JSON)',
    exportPdf: 'Download the data (PDF)',
    exported: (n: number) => `Copy of the data given: ${n}×.`,
    preview: 'See what will be erased',
    erasedList: 'Will be erased:',
    erasedItem: (k: string) => k,
    keptItem: (k: string) => k,
    keptWhy: (k: string) => k,
    keptList: 'Will be kept (pseudonymised):',
    pseudonym: (p: string) => `The client will be shown as "${p}".`,
    confirm: 'I understand the erasure cannot be undone',
    erase: "Erase the person's data",
    execute: 'Carry out',
    rectify: 'Correct the data on the client card, then close the request saying what changed.',
    extend: 'Extend the deadline',
    months: 'By how many months',
    reason: 'Reason (the person is told)',
    close: 'Close the request',
    done: 'done',
    refused: 'refused',
    decision: 'Decision',
    basis: 'Legal basis',
    extendedTo: (d: string, r: string) => `Extended to ${d}: ${r}`,
    decided: 'Decision',
    back: 'Back to the list',
  },
});

/**
 * @summary The DPO's register of data-subject requests: deadlines, exports, erasure, restriction, closing.
 *
 * @event crm-gdpr-request-change - A request was registered, carried out, extended or closed; `detail` is it.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart list - The table of requests.
 * @csspart form - The registration form.
 * @csspart detail - The open request.
 * @csspart message - The result of the last step.
 */
export class CrmGdprRequests extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left; }
      tr.overdue td { background: #fef2f2; }
      .late { color: #991b1b; font-weight: 600; }
      form, .actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
      fieldset { border: 1px solid var(--crm-color-border, #e2e8f0); border-radius: 4px; margin: .75rem 0; }
      ul { margin: .25rem 0 .5rem 1.2rem; padding: 0; }
      .kept { color: #166534; }
      small { color: var(--crm-color-text-muted, #475569); }
    `,
  ];

  @state() private items: GdprRequest[] = [];
  @state() private activeOnly = true;
  @state() private current: GdprRequest | null = null;
  @state() private preview: Preview | null = null;
  @state() private confirmed = false;
  @state() private hits: ClientHit[] | null = null;
  @state() private picked: ClientHit | null = null;
  @state() private busy = false;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async step(run: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await run();
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    } finally {
      this.busy = false;
    }
  }

  private changed(r: GdprRequest): void {
    this.dispatchEvent(new CustomEvent('crm-gdpr-request-change', { detail: r, bubbles: true, composed: true }));
  }

  private load(): Promise<void> {
    return this.step(async () => {
      const page = await this.api.get<{ items: GdprRequest[] }>('/api/gdpr/requests', {
        query: this.activeOnly ? { status: 'active' } : {},
      });
      this.items = page.items;
    });
  }

  private show(r: GdprRequest): void {
    this.current = r;
    this.preview = null;
    this.confirmed = false;
    this.message = '';
    this.error = '';
  }

  private search(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const q = (new FormData(e.target as HTMLFormElement).get('q') as string).trim();
    return this.step(async () => {
      this.picked = null;
      this.hits = q
        ? (await this.api.get<{ items: ClientHit[] }>('/api/clients', { query: { q, limit: 8 } })).items
        : [];
    });
  }

  private register(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    // Read now: after the event's dispatch its target (inside the shadow root) is null.
    const element = e.target as HTMLFormElement;
    const form = new FormData(element);
    const value = (k: string) => ((form.get(k) as string | null) ?? '').trim();
    const identifiers = Object.fromEntries(
      ['name', 'email', 'phone', 'pesel'].map((k) => [k, value(k)]).filter(([, v]) => v),
    );
    return this.step(async () => {
      const r = await this.api.post<GdprRequest>('/api/gdpr/requests', {
        kind: value('kind'),
        ...(this.picked ? { clientId: this.picked.id } : { identifiers }),
        ...(value('receivedOn') ? { receivedOn: value('receivedOn') } : {}),
      });
      this.hits = null;
      this.picked = null;
      element.reset();
      this.message = t(this, 'registered', r.due);
      this.changed(r);
      await this.load();
      this.show(r);
      this.message = t(this, 'registered', r.due);
    });
  }

  private download(format: 'json' | 'pdf'): Promise<void> {
    const r = this.current!;
    return this.step(async () => {
      await downloadExport(this.apiConfig, `/api/gdpr/requests/${r.id}/export`, { format, lang: this.resolvedLang });
      this.current = await this.api.get<GdprRequest>(`/api/gdpr/requests/${r.id}`);
    });
  }

  /** The server words the lists in English; a Polish screen shows them in Polish by their keys. */
  private erasedItems(p: Preview): string[] {
    const pl = this.resolvedLang === 'pl' && p.erasedKeys;
    return pl ? p.erasedKeys!.map((k) => t(this, 'erasedItem', k)) : p.erased;
  }

  private keptItem(k: Preview['kept'][number]): string {
    if (this.resolvedLang !== 'pl' || !k.key) return `${k.what}: ${k.rows} — ${k.why}`;
    return `${t(this, 'keptItem', k.key)}: ${k.rows} — ${t(this, 'keptWhy', k.key)}`;
  }

  private loadPreview(): Promise<void> {
    return this.step(async () => {
      this.preview = await this.api.get<Preview>(`/api/gdpr/requests/${this.current!.id}/erasure-preview`);
    });
  }

  private act(path: string, body: Record<string, unknown>): Promise<void> {
    return this.step(async () => {
      this.message = '';
      const r = await this.api.post<GdprRequest>(`/api/gdpr/requests/${this.current!.id}/${path}`, body);
      this.current = r;
      this.preview = null;
      this.changed(r);
      await this.load();
    });
  }

  private submit(path: string, e: SubmitEvent, shape: (f: FormData) => Record<string, unknown>): Promise<void> {
    e.preventDefault();
    return this.act(path, shape(new FormData(e.target as HTMLFormElement)));
  }

  private renderList() {
    return html`<label><input type="checkbox" .checked=${this.activeOnly} @change=${(e: Event) => {
      this.activeOnly = (e.target as HTMLInputElement).checked;
      void this.load();
    }}> ${t(this, 'active')}</label>
      ${
        this.items.length
          ? html`<table part="list"><thead><tr><th scope="col">${t(this, 'kind')}</th>
          <th scope="col">${t(this, 'person')}</th><th scope="col">${t(this, 'received')}</th>
          <th scope="col">${t(this, 'due')}</th><th scope="col">${t(this, 'status')}</th>
          <th scope="col"><span class="muted">${t(this, 'open')}</span></th></tr></thead>
          <tbody>${this.items.map(
            (r) => html`<tr class=${r.overdue ? 'overdue' : ''} data-id=${r.id}>
              <td>${t(this, 'kindLabel', r.kind)}</td>
              <td>${r.clientName ?? r.identifiers.name ?? html`<span class="muted">${t(this, 'unknown')}</span>`}</td>
              <td>${r.receivedOn}</td>
              <td>${r.due}${r.overdue ? html` <span class="late">(${t(this, 'overdue')})</span>` : nothing}</td>
              <td>${t(this, 'statusLabel', r.status)}</td>
              <td><button class="link" @click=${() => this.show(r)}
                aria-label=${`${t(this, 'open')}: ${t(this, 'kindLabel', r.kind)}, ${r.clientName ?? ''}`}>
                ${t(this, 'open')}</button></td></tr>`,
          )}</tbody></table>`
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
      ${this.renderRegister()}`;
  }

  private renderRegister() {
    return html`<fieldset part="form"><legend>${t(this, 'register')}</legend>
      <form @submit=${(e: SubmitEvent) => this.search(e)}>
        <div class="field"><label for="q">${t(this, 'search')}</label><input id="q" name="q" autocomplete="off"></div>
        <button type="submit" class="secondary" ?disabled=${this.busy}>${t(this, 'find')}</button>
      </form>
      <form @submit=${(e: SubmitEvent) => this.register(e)}>
        ${
          this.hits && this.hits.length
            ? html`<div class="field"><label for="pick">${t(this, 'pick')}</label>
              <select id="pick" required @change=${(e: Event) => {
                this.picked = this.hits!.find((h) => h.id === (e.target as HTMLSelectElement).value) ?? null;
              }}><option value=""></option>${this.hits.map(
                (h) => html`<option value=${h.id}>${h.displayName}</option>`,
              )}</select></div>`
            : nothing
        }
        ${
          this.hits && !this.hits.length
            ? html`<p class="muted" style="flex-basis:100%">${t(this, 'notFound')}</p>
              ${(['name', 'email', 'phone', 'pesel'] as const).map(
                (k) => html`<div class="field"><label for="id-${k}">${t(this, k)}</label>
                  <input id="id-${k}" name=${k} autocomplete="off"></div>`,
              )}`
            : nothing
        }
        <div class="field"><label for="kind">${t(this, 'kind')}</label>
          <select id="kind" name="kind">${kinds.map(
            (k) => html`<option value=${k}>${t(this, 'kindLabel', k)}</option>`,
          )}
          </select></div>
        <div class="field"><label for="receivedOn">${t(this, 'receivedOn')}</label>
          <input id="receivedOn" name="receivedOn" type="date"></div>
        <button type="submit" ?disabled=${this.busy || !this.hits || (this.hits.length > 0 && !this.picked)}>
          ${t(this, 'save')}</button>
      </form></fieldset>`;
  }

  private renderKindActions(r: GdprRequest) {
    if (r.status === 'done' || r.status === 'refused') return nothing;
    switch (r.kind) {
      case 'access':
      case 'portability': {
        const given = r.outcome?.exports?.length ?? 0;
        return html`<div class="actions">
          <button ?disabled=${this.busy || !r.clientId} @click=${() => this.download('json')}>
            ${t(this, 'exportJson')}</button>
          <button class="secondary" ?disabled=${this.busy || !r.clientId} @click=${() => this.download('pdf')}>
            ${t(this, 'exportPdf')}</button></div>
          ${given ? html`<p class="muted">${t(this, 'exported', given)}</p>` : nothing}`;
      }
      case 'erasure':
        return this.preview
          ? html`<div role="region" aria-label=${t(this, 'erase')}>
              <p>${t(this, 'pseudonym', this.preview.pseudonym)}</p>
              <p>${t(this, 'erasedList')}</p><ul>${this.erasedItems(this.preview).map((x) => html`<li>${x}</li>`)}</ul>
              <p>${t(this, 'keptList')}</p><ul class="kept">${this.preview.kept.map(
                (k) => html`<li>${this.keptItem(k)}</li>`,
              )}</ul>
              <label><input type="checkbox" .checked=${this.confirmed} @change=${(e: Event) => {
                this.confirmed = (e.target as HTMLInputElement).checked;
              }}> ${t(this, 'confirm')}</label>
              <div class="actions"><button class="danger" ?disabled=${this.busy || !this.confirmed}
                @click=${() => this.act('execute', { confirm: true })}>${t(this, 'erase')}</button></div></div>`
          : html`<div class="actions"><button ?disabled=${this.busy || !r.clientId} @click=${() => this.loadPreview()}>
              ${t(this, 'preview')}</button></div>`;
      case 'restriction':
      case 'objection':
        return html`<div class="actions"><button ?disabled=${this.busy || !r.clientId}
          @click=${() => this.act('execute', {})}>${t(this, 'execute')}: ${t(this, 'kindLabel', r.kind)}</button>
          </div>`;
      default:
        return html`<p class="muted">${t(this, 'rectify')}</p>`;
    }
  }

  private renderDetail(r: GdprRequest) {
    const active = r.status === 'open' || r.status === 'extended';
    const who = r.clientName ?? r.identifiers.name ?? t(this, 'unknown');
    const extended = r.extendedTo
      ? html`<p class="muted">${t(this, 'extendedTo', r.extendedTo, r.extensionReason ?? '')}</p>`
      : nothing;
    const basis = r.basis ? html` (${r.basis})` : nothing;
    const decision = r.decision ? html`<p><strong>${t(this, 'decided')}:</strong> ${r.decision}${basis}</p>` : nothing;
    return html`<section part="detail" aria-labelledby="detail-title">
      <p><button class="link" @click=${() => (this.current = null)}>← ${t(this, 'back')}</button></p>
      <h3 id="detail-title">${t(this, 'kindLabel', r.kind)} — ${who}</h3>
      <p>${t(this, 'received')}: ${r.receivedOn} · ${t(this, 'due')}:
        <strong class=${r.overdue ? 'late' : ''}>${r.due}</strong>
        ${r.overdue ? html`<span class="late">(${t(this, 'overdue')})</span>` : nothing}
        · ${t(this, 'status')}: ${t(this, 'statusLabel', r.status)}</p>
      ${extended}
      ${decision}
      ${this.renderKindActions(r)}
      ${
        r.status === 'open'
          ? html`<fieldset><legend>${t(this, 'extend')}</legend><form @submit=${(e: SubmitEvent) =>
              this.submit('extend', e, (f) => ({ months: Number(f.get('months')), reason: f.get('reason') }))}>
              <div class="field"><label for="months">${t(this, 'months')}</label>
                <select id="months" name="months"><option>1</option><option selected>2</option></select></div>
              <div class="field"><label for="reason">${t(this, 'reason')}</label>
                <input id="reason" name="reason" required size="40"></div>
              <button type="submit" class="secondary" ?disabled=${this.busy}>${t(this, 'extend')}</button>
            </form></fieldset>`
          : nothing
      }
      ${
        active
          ? html`<fieldset><legend>${t(this, 'close')}</legend><form @submit=${(e: SubmitEvent) =>
              this.submit('close', e, (f) => ({
                status: f.get('status'),
                decision: f.get('decision'),
                basis: (f.get('basis') as string) || null,
              }))}>
              <div class="field"><label for="close-status">${t(this, 'status')}</label>
                <select id="close-status" name="status"><option value="done">${t(this, 'done')}</option>
                <option value="refused">${t(this, 'refused')}</option></select></div>
              <div class="field"><label for="decision">${t(this, 'decision')}</label>
                <input id="decision" name="decision" required size="40"></div>
              <div class="field"><label for="basis">${t(this, 'basis')}</label><input id="basis" name="basis"></div>
              <button type="submit" class="secondary" ?disabled=${this.busy}>${t(this, 'close')}</button>
            </form></fieldset>`
          : nothing
      }
    </section>`;
  }

  override render() {
    return html`<section part="base" aria-busy=${this.busy ? 'true' : 'false'}><h2>${t(this, 'title')}</h2>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.message
          ? html`<p part="message" class="message" data-kind="ok" role="status">${this.message}</p>`
          : nothing
      }
      ${this.current ? this.renderDetail(this.current) : this.renderList()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-gdpr-requests': CrmGdprRequests;
  }
}
