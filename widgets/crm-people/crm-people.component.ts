/**
 * @module widgets/crm-people/component
 * `<crm-people>`: the firm's people for an administrator or a manager with `users:write`. Everyone
 * within scope with their unit, roles and state; invite a person (the user is created without a
 * password and gets an e-mailed one-time link to set one); per person: move to another unit from a
 * date with a note (the person's history of units shown), disable or enable, send the invitation
 * again. A unit's own history (who joined and left) is one click away. Over `/api/users`,
 * `/api/units`, `/api/roles`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatDate } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';

interface Person {
  id: string;
  name: string;
  email: string;
  roles: string[];
  unitId: string | null;
  disabled: boolean;
}
interface Unit {
  id: string;
  name: string;
}
interface Role {
  id: string;
  label?: { pl: string; en: string } | string;
  partner?: boolean;
}
interface Membership {
  unitId?: string;
  userId?: string;
  name?: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

const t = defineTranslations({
  pl: {
    title: 'Ludzie',
    invite: 'Zaproś osobę',
    name: 'Imię i nazwisko',
    email: 'E-mail',
    unit: 'Oddział',
    roles: 'Role',
    send: 'Utwórz i wyślij zaproszenie',
    invited: (name: string) => `Zaproszenie wysłane do: ${name}. Link jest ważny 7 dni.`,
    person: 'Osoba',
    state: 'Stan',
    active: 'Aktywna',
    disabled: 'Wyłączona',
    actions: 'Działania',
    move: 'Przenieś',
    moveTo: 'Nowy oddział',
    from: 'Od dnia',
    note: 'Uwaga (np. powód przeniesienia)',
    confirmMove: 'Przenieś od tego dnia',
    moved: (name: string, unit: string, d: string) => `${name}: w oddziale ${unit} od ${d}.`,
    history: 'Historia oddziałów',
    now: 'obecnie',
    disable: 'Wyłącz konto',
    enable: 'Włącz konto',
    resend: 'Wyślij zaproszenie ponownie',
    disabledOk: (name: string) => `Konto wyłączone: ${name} nie zaloguje się, sesje zakończone.`,
    enabledOk: (name: string) => `Konto włączone: ${name}.`,
    close: 'Zamknij',
    unitHistory: 'Kto był w oddziale',
    search: 'Szukaj osoby',
    none: 'Nikt nie pasuje.',
  },
  en: {
    title: 'People',
    invite: 'Invite a person',
    name: 'Full name',
    email: 'E-mail',
    unit: 'Unit',
    roles: 'Roles',
    send: 'Create and send the invitation',
    invited: (name: string) => `Invitation sent to: ${name}. The link works for 7 days.`,
    person: 'Person',
    state: 'State',
    active: 'Active',
    disabled: 'Disabled',
    actions: 'Actions',
    move: 'Move',
    moveTo: 'New unit',
    from: 'From',
    note: 'Note (e.g. why)',
    confirmMove: 'Move from that day',
    moved: (name: string, unit: string, d: string) => `${name}: in ${unit} from ${d}.`,
    history: 'Units over time',
    now: 'now',
    disable: 'Disable account',
    enable: 'Enable account',
    resend: 'Send the invitation again',
    disabledOk: (name: string) => `Account disabled: ${name} cannot sign in, sessions ended.`,
    enabledOk: (name: string) => `Account enabled: ${name}.`,
    close: 'Close',
    unitHistory: 'Who was in the unit',
    search: 'Find a person',
    none: 'Nobody matches.',
  },
});

/** Today in Warsaw as `YYYY-MM-DD`, the default day of a move. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });

/**
 * @summary The firm's people: invite, move to another unit on a date with the history shown, disable or enable.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart invite - The invitation form.
 * @csspart table - The people.
 * @csspart message - The result of the last action.
 */
export class CrmPeople extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form.invite { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        align-items: end; margin: .75rem 0; }
      fieldset { border: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
      fieldset legend { font-size: .85rem; padding: 0; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      td.actions button { margin: 0 .25rem .25rem 0; }
      .panel { padding: .5rem; border: 1px solid var(--crm-color-border, #e2e8f0); border-radius: .25rem; }
      .panel form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
      ol { margin: .25rem 0; padding-left: 1.25rem; }
    `,
  ];

  @state() private people: Person[] = [];
  @state() private units: Unit[] = [];
  @state() private roles: Role[] = [];
  @state() private open: { id: string; history: Membership[] } | null = null;
  @state() private unitOpen: { id: string; history: Membership[] } | null = null;
  @state() private query = '';
  @state() private busy = false;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload people, units and roles. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      const [people, units, roles] = await Promise.all([
        this.api.get<{ items: Person[] }>('/api/users', { query: { includeDisabled: true } }),
        this.api.get<{ items: Unit[] }>('/api/units'),
        this.api.get<{ items: Role[] }>('/api/roles'),
      ]);
      this.people = people.items;
      this.units = units.items;
      this.roles = roles.items;
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private async run(step: () => Promise<string>): Promise<void> {
    if (this.busy) return; // a double click does nothing twice
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      const done = await step();
      await this.load();
      this.message = done; // said once the list shows it
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    } finally {
      this.busy = false;
    }
  }

  private unitName(id: string | null | undefined): string {
    return this.units.find((u) => u.id === id)?.name ?? '—';
  }

  private roleLabel(r: Role | string): string {
    const role = typeof r === 'string' ? this.roles.find((x) => x.id === r) : r;
    const label = role?.label;
    if (!label) return typeof r === 'string' ? r : r.id;
    return typeof label === 'string' ? label : label[this.resolvedLang];
  }

  private invite(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    return this.run(async () => {
      const user = await this.api.post<Person>('/api/users', {
        name,
        email: String(data.get('email') ?? '').trim(),
        unitId: String(data.get('unitId') ?? '') || null,
        roles: data.getAll('roles').map(String),
      });
      await this.api.post(`/api/users/${encodeURIComponent(user.id)}/invite`, { lang: this.resolvedLang });
      form.reset();
      return t(this, 'invited', name);
    });
  }

  private async toggle(p: Person): Promise<void> {
    if (this.open?.id === p.id) {
      this.open = null;
      return;
    }
    try {
      const h = await this.api.get<{ items: Membership[] }>(`/api/users/${encodeURIComponent(p.id)}/memberships`);
      this.open = { id: p.id, history: h.items };
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private async showUnit(unitId: string): Promise<void> {
    try {
      const h = await this.api.get<{ items: Membership[] }>(`/api/units/${encodeURIComponent(unitId)}/memberships`);
      this.unitOpen = { id: unitId, history: h.items };
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private move(e: SubmitEvent, p: Person): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const unitId = String(data.get('unitId') ?? '');
    const day = String(data.get('at') ?? today());
    const note = String(data.get('note') ?? '').trim();
    return this.run(async () => {
      // Midnight in Warsaw of the chosen day, whatever the browser's zone.
      const at = new Date(`${day}T00:00:00${warsawOffset(day)}`).toISOString();
      await this.api.post(`/api/users/${encodeURIComponent(p.id)}/move`, { unitId, at, ...(note ? { note } : {}) });
      const h = await this.api.get<{ items: Membership[] }>(`/api/users/${encodeURIComponent(p.id)}/memberships`);
      this.open = { id: p.id, history: h.items };
      return t(this, 'moved', p.name, this.unitName(unitId), formatDate(at, this.resolvedLang));
    });
  }

  private setDisabled(p: Person, disabled: boolean): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/users/${encodeURIComponent(p.id)}/${disabled ? 'disable' : 'enable'}`);
      return t(this, disabled ? 'disabledOk' : 'enabledOk', p.name);
    });
  }

  private resend(p: Person): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/users/${encodeURIComponent(p.id)}/invite`, { lang: this.resolvedLang });
      return t(this, 'invited', p.name);
    });
  }

  private renderHistory(items: Membership[], by: 'unit' | 'person') {
    const lang = this.resolvedLang;
    const span = (m: Membership) =>
      `${formatDate(m.validFrom, lang)} – ${m.validTo ? formatDate(m.validTo, lang) : t(this, 'now')}`;
    return html`<ol>${items.map(
      (m) =>
        html`<li>${by === 'unit' ? m.name : this.unitName(m.unitId)}: ${span(m)}${
          m.note ? html` · <em>${m.note}</em>` : nothing
        }</li>`,
    )}</ol>`;
  }

  private renderPanel(p: Person) {
    const history = this.open!.history;
    return html`<tr class="panel-row"><td colspan="5"><div class="panel" role="region"
        aria-label=${`${t(this, 'history')}: ${p.name}`}>
      <h3>${t(this, 'history')}: ${p.name}</h3>
      ${this.renderHistory(history, 'person')}
      <form @submit=${(e: SubmitEvent) => this.move(e, p)}>
        <span class="field"><label for="move-unit">${t(this, 'moveTo')}</label>
          <select id="move-unit" name="unitId" required>
          ${this.units
            .filter((u) => u.id !== p.unitId)
            .map((u) => html`<option value=${u.id}>${u.name}</option>`)}</select></span>
        <label class="field"><span>${t(this, 'from')}</span>
          <input type="date" name="at" required .value=${today()}></label>
        <label class="field"><span>${t(this, 'note')}</span><input name="note" maxlength="500"></label>
        <button type="submit" ?disabled=${this.busy}>${t(this, 'confirmMove')}</button>
      </form>
      <p><button class="secondary" ?disabled=${this.busy} @click=${() => this.setDisabled(p, !p.disabled)}>
        ${t(this, p.disabled ? 'enable' : 'disable')}</button>
      <button class="secondary" ?disabled=${this.busy} @click=${() => this.resend(p)}>${t(this, 'resend')}</button>
      <button class="secondary" @click=${() => (this.open = null)}>${t(this, 'close')}</button></p>
    </div></td></tr>`;
  }

  private renderRow(p: Person) {
    const open = this.open?.id === p.id;
    return html`<tr data-id=${p.id}>
        <td><strong>${p.name}</strong><br><small>${p.email}</small></td>
        <td>${
          p.unitId
            ? html`<button class="link" @click=${() => this.showUnit(p.unitId!)}>${this.unitName(p.unitId)}</button>`
            : '—'
        }</td>
        <td>${p.roles.map((r) => this.roleLabel(r)).join(', ')}</td>
        <td>${t(this, p.disabled ? 'disabled' : 'active')}</td>
        <td class="actions"><button class="secondary" aria-expanded=${open ? 'true' : 'false'}
          @click=${() => this.toggle(p)}>${t(this, 'move')} · ${t(this, 'history')}</button></td>
      </tr>${open ? this.renderPanel(p) : nothing}`;
  }

  override render() {
    const q = this.query.toLocaleLowerCase('pl');
    const shown = q
      ? this.people.filter((p) => `${p.name} ${p.email}`.toLocaleLowerCase('pl').includes(q))
      : this.people;
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <details><summary>${t(this, 'invite')}</summary>
      <form part="invite" class="invite" @submit=${(e: SubmitEvent) => this.invite(e)}>
        <label class="field"><span>${t(this, 'name')}</span><input name="name" required maxlength="200"></label>
        <label class="field"><span>${t(this, 'email')}</span><input name="email" type="email" required></label>
        <span class="field"><label for="invite-unit">${t(this, 'unit')}</label>
          <select id="invite-unit" name="unitId" required>
          ${this.units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}</select></span>
        <fieldset><legend>${t(this, 'roles')}</legend>${this.roles
          .filter((r) => !r.partner) // a partner login is made on the partner's page, with its firm
          .map(
            (r) => html`<label><input type="checkbox" name="roles" value=${r.id}> ${this.roleLabel(r)}</label>`,
          )}</fieldset>
        <div><button type="submit" ?disabled=${this.busy}>${t(this, 'send')}</button></div>
      </form></details>
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.unitOpen
          ? html`<div class="panel" role="region" aria-label=${t(this, 'unitHistory')}>
            <h3>${t(this, 'unitHistory')}: ${this.unitName(this.unitOpen.id)}</h3>
            ${this.renderHistory(this.unitOpen.history, 'unit')}
            <button class="secondary" @click=${() => (this.unitOpen = null)}>${t(this, 'close')}</button></div>`
          : nothing
      }
      <label>${t(this, 'search')} <input type="search" .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}></label>
      ${
        shown.length
          ? html`<div class="scroll"><table part="table"><thead><tr>
            <th scope="col">${t(this, 'person')}</th><th scope="col">${t(this, 'unit')}</th>
            <th scope="col">${t(this, 'roles')}</th><th scope="col">${t(this, 'state')}</th>
            <th scope="col">${t(this, 'actions')}</th></tr></thead>
            <tbody>${shown.map((p) => this.renderRow(p))}</tbody></table></div>`
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
    </section>`;
  }
}

/** Warsaw's UTC offset on a day (`+01:00` or `+02:00`), from the browser's own zone database. */
function warsawOffset(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+01:00"
  return name.replace('GMT', '') || '+00:00';
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-people': CrmPeople;
  }
}
