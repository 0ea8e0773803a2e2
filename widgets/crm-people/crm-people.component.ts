/**
 * @module widgets/crm-people/component
 * `<crm-people>`: the firm's people for an administrator or a manager with `users:write`. Everyone
 * within scope with their unit, roles and state, searchable and filtered by unit, role and state
 * (cards on a phone); invite a person (the user is created without a password and gets an e-mailed
 * one-time link to set one). Per person, a details panel: roles (with the config's labels) and
 * supervisor; the commission group over time and a change from a date; the KNF register entry and
 * OC policies when the firm records them (a warning when the OC cover ends within 30 days); the
 * units over time and a move from a date with a note; and the account: a set-password link by
 * e-mail, unlock, disable or enable, the invitation again. A unit's own history is one click away.
 * Over `/api/users`, `/api/units`, `/api/roles`, `/api/commission-groups`, `/api/users/:id/compliance`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage, formatDate } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { daysUntil, isKnfNumber, normalizeKnf, ocEndsSoon } from './knf.ts';
import { t } from './words.ts';

type Label = { pl: string; en: string } | string;
interface Person {
  id: string;
  name: string;
  email: string;
  roles: string[];
  unitId: string | null;
  supervisorId: string | null;
  commissionGroup: string | null;
  partnerId: string | null;
  disabled: boolean;
}
interface Unit {
  id: string;
  name: string;
}
interface Role {
  id: string;
  label?: Label;
  partner?: boolean;
}
interface Group {
  id: string;
  label: Label;
  for: string;
}
interface Membership {
  unitId?: string;
  userId?: string;
  name?: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}
interface GroupSpan {
  groupId: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}
interface Compliance {
  registration: { knfNumber: string; agentType: string; validFrom: string; validTo: string | null } | null;
  policies: { id: string; policyNumber: string; insurer: string | null; validFrom: string; validTo: string }[];
}
interface Open {
  id: string;
  history: Membership[];
  groups: GroupSpan[];
  compliance: Compliance | null;
}

/** Today in Warsaw as `YYYY-MM-DD`, the default day of a move. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
const enc = encodeURIComponent;
const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * @summary The firm's people: invite, roles, supervisor, commission group and KNF/OC, move on a date, account actions.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart invite - The invitation form.
 * @csspart filters - Search and filters of the list.
 * @csspart table - The people.
 * @csspart message - The result of the last action.
 */
export class CrmPeople extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form.invite, .filters { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        align-items: end; margin: .75rem 0; }
      fieldset { border: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
      fieldset legend { font-size: .85rem; padding: 0; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      td.actions button { margin: 0 .25rem .25rem 0; }
      .panel { padding: .5rem; border: 1px solid var(--crm-color-border, #e2e8f0); border-radius: .25rem; }
      .panel section { margin: .5rem 0 1rem; }
      .panel h4 { margin: .25rem 0; }
      .panel form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
      .warn { color: var(--crm-color-warning, #b45309); font-weight: 600; }
      ol, ul { margin: .25rem 0; padding-left: 1.25rem; }
      @media (max-width: 600px) {
        table, tbody, tr, td { display: block; width: auto; }
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        tr[data-id] { border: 1px solid var(--crm-color-border, #e2e8f0); border-radius: .25rem; margin: .5rem 0; }
        td { border: none; }
        td[data-label]::before { content: attr(data-label) ': '; font-size: .8rem;
          color: var(--crm-color-muted, #475569); }
      }
    `,
  ];

  @state() private people: Person[] = [];
  @state() private units: Unit[] = [];
  @state() private roles: Role[] = [];
  @state() private groups: Group[] = [];
  /** The caller's permissions (`/api/me`): the KNF/OC section is asked for only with `compliance:read`. */
  private perms: Record<string, unknown[]> = {};
  @state() private open: Open | null = null;
  @state() private unitOpen: { id: string; history: Membership[] } | null = null;
  @state() private query = '';
  @state() private unitFilter = '';
  @state() private roleFilter = '';
  @state() private stateFilter = '';
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);
  /** One action at a time (a double click does nothing twice); the list reloads before the message is said. */
  private readonly action = new ActionRunner<string>(this, {
    start: () => {
      this.error = '';
      this.message = '';
    },
    refresh: () => this.load(),
    done: (message) => (this.message = message),
    fail: (e) => (this.error = this.explain(e)),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload people, units, roles and commission groups. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      const [people, units, roles, groups, me] = await Promise.all([
        this.api.get<{ items: Person[] }>('/api/users', { query: { includeDisabled: true } }),
        this.api.get<{ items: Unit[] }>('/api/units'),
        this.api.get<{ items: Role[] }>('/api/roles'),
        this.api.get<{ items: Group[] }>('/api/commission-groups'),
        this.api.get<{ permissions?: Record<string, unknown[]> }>('/api/me'),
      ]);
      this.perms = me.permissions ?? {};
      this.people = people.items;
      this.units = units.items;
      this.roles = roles.items;
      this.groups = groups.items;
    } catch (e) {
      this.error = this.explain(e as ApiError);
    }
  }

  /** The error in the page's language: the known refusals by name, else the fields the API names. */
  private explain(e: ApiError): string {
    const reason = e.details?.['reason'];
    if (e.status === 409 && reason === 'last-admin') return t(this, 'lastAdmin');
    if (e.status === 409 && reason === 'self') return t(this, 'notYourself');
    if (e.status === 409 || e.status === 422) {
      const fields = e.problems.map((p) => `${p.path.replace(/^\//, '')}: ${p.message}`).join('; ');
      return t(this, 'refused', fields || e.message);
    }
    return errorMessage(this, e);
  }

  private refuse(message: string): void {
    this.message = '';
    this.error = message;
  }

  private label(l: Label | undefined, fallback: string): string {
    if (!l) return fallback;
    return typeof l === 'string' ? l : l[this.resolvedLang];
  }

  private unitName(id: string | null | undefined): string {
    return this.units.find((u) => u.id === id)?.name ?? '—';
  }

  private roleLabel(r: Role | string): string {
    const role = typeof r === 'string' ? this.roles.find((x) => x.id === r) : r;
    return this.label(role?.label, typeof r === 'string' ? r : r.id);
  }

  private groupLabel(id: string | null): string {
    if (!id) return t(this, 'noGroup');
    return this.label(this.groups.find((g) => g.id === id)?.label, id);
  }

  private personName(id: string | null): string {
    return this.people.find((p) => p.id === id)?.name ?? '—';
  }

  private invite(e: SubmitEvent): Promise<unknown> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = text(data, 'name');
    if (!data.getAll('roles').length) {
      this.refuse(t(this, 'pickRole'));
      return Promise.resolve();
    }
    return this.action.run(async () => {
      const user = await this.api.post<Person>('/api/users', {
        name,
        email: text(data, 'email'),
        unitId: String(data.get('unitId') ?? '') || null,
        roles: data.getAll('roles').map(String),
      });
      await this.api.post(`/api/users/${enc(user.id)}/invite`, { lang: this.resolvedLang });
      form.reset();
      return t(this, 'invited', name);
    });
  }

  private async details(id: string): Promise<Open> {
    const base = `/api/users/${enc(id)}`;
    const [history, groups, compliance] = await Promise.all([
      this.api.get<{ items: Membership[] }>(`${base}/memberships`),
      this.api.get<{ items: GroupSpan[] }>(`${base}/commission-groups`),
      // Asked only by whoever may read it (a 403 would be a console error); none out of scope.
      this.perms['compliance:read']?.length
        ? this.api.get<Compliance>(`${base}/compliance`).catch(() => null)
        : Promise.resolve(null),
    ]);
    return { id, history: history.items, groups: groups.items, compliance };
  }

  private async toggle(p: Person): Promise<void> {
    if (this.open?.id === p.id) {
      this.open = null;
      return;
    }
    try {
      this.open = await this.details(p.id);
    } catch (e) {
      this.error = this.explain(e as ApiError);
    }
  }

  private async showUnit(unitId: string): Promise<void> {
    try {
      const h = await this.api.get<{ items: Membership[] }>(`/api/units/${enc(unitId)}/memberships`);
      this.unitOpen = { id: unitId, history: h.items };
    } catch (e) {
      this.error = this.explain(e as ApiError);
    }
  }

  private move(e: SubmitEvent, p: Person): Promise<unknown> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const unitId = String(data.get('unitId') ?? '');
    const day = String(data.get('at') ?? today());
    const note = text(data, 'note');
    return this.action.run(async () => {
      // Midnight in Warsaw of the chosen day, whatever the browser's zone.
      const at = new Date(`${day}T00:00:00${warsawOffset(day)}`).toISOString();
      await this.api.post(`/api/users/${enc(p.id)}/move`, { unitId, at, ...(note ? { note } : {}) });
      this.open = await this.details(p.id);
      return t(this, 'moved', p.name, this.unitName(unitId), formatDate(at, this.resolvedLang));
    });
  }

  private saveRoles(e: SubmitEvent, p: Person): Promise<unknown> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const roles = data.getAll('roles').map(String);
    if (!roles.length) {
      this.refuse(t(this, 'pickRole'));
      return Promise.resolve();
    }
    const supervisorId = String(data.get('supervisorId') ?? '') || null;
    return this.action.run(async () => {
      await this.api.patch(`/api/users/${enc(p.id)}`, {
        roles,
        ...(supervisorId !== p.supervisorId ? { supervisorId } : {}),
      });
      return t(this, 'rolesSaved', p.name);
    });
  }

  private changeGroup(e: SubmitEvent, p: Person): Promise<unknown> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const group = String(data.get('group') ?? '') || null;
    const from = String(data.get('from') ?? today());
    const note = text(data, 'note');
    return this.action.run(async () => {
      await this.api.post(`/api/users/${enc(p.id)}/commission-groups`, { group, from, note: note || null });
      this.open = await this.details(p.id);
      return t(this, 'groupChanged', p.name, this.groupLabel(group), formatDate(from, this.resolvedLang));
    });
  }

  private saveKnf(e: SubmitEvent, p: Person): Promise<unknown> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const input = form.querySelector<HTMLInputElement>('[name=knfNumber]')!;
    if (!isKnfNumber(text(data, 'knfNumber'))) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      this.refuse(t(this, 'knfBad'));
      return Promise.resolve();
    }
    input.removeAttribute('aria-invalid');
    return this.action.run(async () => {
      await this.api.put(`/api/users/${enc(p.id)}/compliance/registration`, {
        knfNumber: normalizeKnf(text(data, 'knfNumber')),
        agentType: String(data.get('agentType') ?? 'tied'),
        validFrom: String(data.get('validFrom') ?? today()),
      });
      this.open = await this.details(p.id);
      return t(this, 'knfSaved', p.name);
    });
  }

  private addPolicy(e: SubmitEvent, p: Person): Promise<unknown> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const validFrom = String(data.get('validFrom') ?? '');
    const validTo = String(data.get('validTo') ?? '');
    if (validTo < validFrom) {
      this.refuse(t(this, 'policyOrder'));
      return Promise.resolve();
    }
    return this.action.run(async () => {
      await this.api.post(`/api/users/${enc(p.id)}/compliance/policies`, {
        policyNumber: text(data, 'policyNumber'),
        insurer: text(data, 'insurer') || null,
        validFrom,
        validTo,
      });
      form.reset();
      this.open = await this.details(p.id);
      return t(this, 'policyAdded', p.name);
    });
  }

  private toggleDisabled(p: Person): Promise<unknown> {
    return this.post(p, p.disabled ? 'enable' : 'disable', t(this, p.disabled ? 'enabledOk' : 'disabledOk', p.name));
  }

  /** `from – to` in the page's language (`now` for an open end). */
  private span(from: string, to: string | null): string {
    const lang = this.resolvedLang;
    return `${formatDate(from, lang)} – ${to ? formatDate(to, lang) : t(this, 'now')}`;
  }

  private post(p: Person, path: string, done: string, body?: unknown): Promise<unknown> {
    return this.action.run(async () => {
      await this.api.post(`/api/users/${enc(p.id)}/${path}`, body);
      return done;
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

  private renderRoles(p: Person) {
    const roles = this.roles.filter((r) => !r.partner || p.partnerId); // a partner role only for a partner login
    const supervisors = this.people.filter((x) => x.id !== p.id && !x.disabled && !x.partnerId);
    return html`<section aria-labelledby="p-roles-h"><h4 id="p-roles-h">${t(this, 'rolesAndSupervisor')}</h4>
      <form @submit=${(e: SubmitEvent) => this.saveRoles(e, p)}>
        <fieldset><legend>${t(this, 'roles')}</legend>${roles.map(
          (r) => html`<label><input type="checkbox" name="roles" value=${r.id}
            .checked=${p.roles.includes(r.id)}> ${this.roleLabel(r)}</label>`,
        )}</fieldset>
        <span class="field"><label for="p-supervisor">${t(this, 'supervisor')}</label>
          <select id="p-supervisor" name="supervisorId">
            <option value="" ?selected=${!p.supervisorId}>${t(this, 'noSupervisor')}</option>
            ${supervisors.map(
              (s) => html`<option value=${s.id} ?selected=${s.id === p.supervisorId}>${s.name}</option>`,
            )}</select></span>
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'saveRoles')}</button>
      </form></section>`;
  }

  private renderGroups(p: Person, spans: GroupSpan[]) {
    const lang = this.resolvedLang;
    const choices = this.groups.filter((g) => g.for === 'advisor');
    return html`<section aria-labelledby="p-group-h"><h4 id="p-group-h">${t(this, 'groupHistory')}</h4>
      ${
        spans.length
          ? html`<ol class="groups">${[...spans]
              .reverse()
              .map(
                (s) =>
                  html`<li>${this.groupLabel(s.groupId)}: ${formatDate(s.validFrom, lang)} – ${
                    s.validTo ? formatDate(s.validTo, lang) : t(this, 'now')
                  }${s.note ? html` · <em>${s.note}</em>` : nothing}</li>`,
              )}</ol>`
          : html`<p class="muted">${t(this, 'noGroups')}</p>`
      }
      <form @submit=${(e: SubmitEvent) => this.changeGroup(e, p)}>
        <span class="field"><label for="p-group">${t(this, 'group')}</label>
          <select id="p-group" name="group">
            ${choices.map((g) => {
              const name = this.label(g.label, g.id);
              return html`<option value=${g.id} ?selected=${g.id === p.commissionGroup}>${name}</option>`;
            })}
            <option value="" ?selected=${!p.commissionGroup}>${t(this, 'noGroup')}</option></select></span>
        <label class="field"><span>${t(this, 'from')}</span>
          <input type="date" name="from" required .value=${today()}></label>
        <label class="field"><span>${t(this, 'groupNote')}</span><input name="note" maxlength="500"></label>
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'changeGroup')}</button>
      </form></section>`;
  }

  private renderCompliance(p: Person, c: Compliance) {
    const write = Boolean(this.perms['compliance:write']?.length); // readers see the record, not the forms
    const lang = this.resolvedLang;
    const reg = c.registration;
    const day = today();
    const current = c.policies.find((x) => x.validFrom <= day && x.validTo >= day) ?? c.policies[0];
    const soon = current && ocEndsSoon(current.validTo, day);
    return html`<section aria-labelledby="p-knf-h"><h4 id="p-knf-h">${t(this, 'knfOc')}</h4>
      <p>${
        reg
          ? `KNF ${reg.knfNumber} · ${t(this, reg.agentType === 'independent' ? 'independent' : 'tied')} · ` +
            `${formatDate(reg.validFrom, lang)} – ${reg.validTo ? formatDate(reg.validTo, lang) : t(this, 'now')}`
          : t(this, 'knfNone')
      }</p>
      ${
        write
          ? html`<form novalidate @submit=${(e: SubmitEvent) => this.saveKnf(e, p)}>
        <label class="field"><span>${t(this, 'knfNumber')}</span>
          <input name="knfNumber" required maxlength="40" autocomplete="off" .value=${reg?.knfNumber ?? ''}></label>
        <span class="field"><label for="p-agent">${t(this, 'agentType')}</label>
          <select id="p-agent" name="agentType">
            <option value="tied" ?selected=${reg?.agentType !== 'independent'}>${t(this, 'tied')}</option>
            <option value="independent" ?selected=${reg?.agentType === 'independent'}>${t(this, 'independent')}</option>
          </select></span>
        <label class="field"><span>${t(this, 'knfFrom')}</span>
          <input type="date" name="validFrom" required .value=${reg?.validFrom ?? day}></label>
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'saveKnf')}</button>
      </form>`
          : nothing
      }
      <h4>${t(this, 'policies')}</h4>
      ${
        soon
          ? html`<p class="warn" role="status">${t(
              this,
              'ocEnds',
              formatDate(current.validTo, lang),
              daysUntil(current.validTo, day),
            )}</p>`
          : nothing
      }
      ${
        c.policies.length
          ? html`<ul>${c.policies.map(
              (x) =>
                html`<li>${x.policyNumber}${x.insurer ? ` (${x.insurer})` : ''}:
                  ${this.span(x.validFrom, x.validTo)}</li>`,
            )}</ul>`
          : html`<p class="muted">${t(this, 'noPolicies')}</p>`
      }
      ${
        write
          ? html`<form @submit=${(e: SubmitEvent) => this.addPolicy(e, p)}>
        <label class="field"><span>${t(this, 'policyNumber')}</span>
          <input name="policyNumber" required maxlength="60"></label>
        <label class="field"><span>${t(this, 'insurer')}</span><input name="insurer" maxlength="200"></label>
        <label class="field"><span>${t(this, 'policyFrom')}</span><input type="date" name="validFrom" required></label>
        <label class="field"><span>${t(this, 'policyTo')}</span><input type="date" name="validTo" required></label>
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'addPolicy')}</button>
      </form>`
          : nothing
      }</section>`;
  }

  private renderPanel(p: Person) {
    const open = this.open!;
    return html`<tr class="panel-row"><td colspan="5"><div class="panel" role="region"
        aria-label=${`${t(this, 'details')}: ${p.name}`}>
      <h3>${p.name}</h3>
      ${this.renderRoles(p)}
      ${this.renderGroups(p, open.groups)}
      ${open.compliance ? this.renderCompliance(p, open.compliance) : nothing}
      <section aria-label=${`${t(this, 'history')}: ${p.name}`}><h4>${t(this, 'history')}</h4>
      ${this.renderHistory(open.history, 'person')}
      <form @submit=${(e: SubmitEvent) => this.move(e, p)}>
        <span class="field"><label for="move-unit">${t(this, 'moveTo')}</label>
          <select id="move-unit" name="unitId" required>
          ${this.units
            .filter((u) => u.id !== p.unitId)
            .map((u) => html`<option value=${u.id}>${u.name}</option>`)}</select></span>
        <label class="field"><span>${t(this, 'from')}</span>
          <input type="date" name="at" required .value=${today()}></label>
        <label class="field"><span>${t(this, 'note')}</span><input name="note" maxlength="500"></label>
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'confirmMove')}</button>
      </form></section>
      <section aria-labelledby="p-account-h"><h4 id="p-account-h">${t(this, 'account')}</h4><p>
      <button class="secondary" ?disabled=${this.action.busy || p.disabled}
        @click=${() => this.post(p, 'password-reset', t(this, 'resetSent', p.name), { lang: this.resolvedLang })}>
        ${t(this, 'resetPassword')}</button>
      <button class="secondary" ?disabled=${this.action.busy}
        @click=${() => this.post(p, 'unlock', t(this, 'unlocked', p.name))}>${t(this, 'unlock')}</button>
      <button class="secondary" ?disabled=${this.action.busy}
        @click=${() => this.toggleDisabled(p)}>
        ${t(this, p.disabled ? 'enable' : 'disable')}</button>
      <button class="secondary" ?disabled=${this.action.busy}
        @click=${() => this.post(p, 'invite', t(this, 'invited', p.name), { lang: this.resolvedLang })}>
        ${t(this, 'resend')}</button>
      <button class="secondary" @click=${() => (this.open = null)}>${t(this, 'close')}</button></p></section>
    </div></td></tr>`;
  }

  private renderRow(p: Person) {
    const open = this.open?.id === p.id;
    return html`<tr data-id=${p.id}>
        <td data-label=${t(this, 'person')}><strong>${p.name}</strong><br><small>${p.email}</small></td>
        <td data-label=${t(this, 'unit')}>${
          p.unitId
            ? html`<button class="link" @click=${() => this.showUnit(p.unitId!)}>${this.unitName(p.unitId)}</button>`
            : '—'
        }</td>
        <td data-label=${t(this, 'roles')}>${p.roles.map((r) => this.roleLabel(r)).join(', ')}${
          p.supervisorId
            ? html`<br><small>${t(this, 'supervisor')}: ${this.personName(p.supervisorId)}</small>`
            : nothing
        }</td>
        <td data-label=${t(this, 'state')}>${t(this, p.disabled ? 'disabled' : 'active')}</td>
        <td class="actions"><button class="secondary" aria-expanded=${open ? 'true' : 'false'}
          @click=${() => this.toggle(p)}>${t(this, 'details')} · ${t(this, 'move')}</button></td>
      </tr>${open ? this.renderPanel(p) : nothing}`;
  }

  private shown(): Person[] {
    const q = this.query.toLocaleLowerCase('pl');
    return this.people.filter(
      (p) =>
        (!q || `${p.name} ${p.email}`.toLocaleLowerCase('pl').includes(q)) &&
        (!this.unitFilter || p.unitId === this.unitFilter) &&
        (!this.roleFilter || p.roles.includes(this.roleFilter)) &&
        (!this.stateFilter || (this.stateFilter === 'disabled') === p.disabled),
    );
  }

  private renderFilters() {
    const pick = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLSelectElement).value);
    return html`<div part="filters" class="filters" role="search" aria-label=${t(this, 'filters')}>
      <label class="field"><span>${t(this, 'search')}</span><input type="search" .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}></label>
      <span class="field"><label for="f-unit">${t(this, 'unit')}</label>
        <select id="f-unit" @change=${pick((v) => (this.unitFilter = v))}>
          <option value="">${t(this, 'anyUnit')}</option>
          ${this.units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}</select></span>
      <span class="field"><label for="f-role">${t(this, 'roles')}</label>
        <select id="f-role" @change=${pick((v) => (this.roleFilter = v))}>
          <option value="">${t(this, 'anyRole')}</option>
          ${this.roles.map((r) => html`<option value=${r.id}>${this.roleLabel(r)}</option>`)}</select></span>
      <span class="field"><label for="f-state">${t(this, 'state')}</label>
        <select id="f-state" @change=${pick((v) => (this.stateFilter = v))}>
          <option value="">${t(this, 'anyState')}</option>
          <option value="active">${t(this, 'active')}</option>
          <option value="disabled">${t(this, 'disabled')}</option></select></span>
    </div>`;
  }

  override render() {
    const shown = this.shown();
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
        <div><button type="submit" ?disabled=${this.action.busy}>${t(this, 'send')}</button></div>
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
      ${this.renderFilters()}
      <p class="muted" aria-live="polite">${t(this, 'shown', shown.length, this.people.length)}</p>
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
