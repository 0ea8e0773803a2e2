/**
 * @module widgets/crm-partners/component
 * `<crm-partners>`: the firm's partner firms for an administrator (`partners:write`): the list, a
 * firm's form (name, NIP checked, kind, contact e-mails, commission group, address), and for the
 * chosen firm its representatives (add, edit, give a partner-portal login: the representative is
 * e-mailed a one-time link through the outbox) and its report subscriptions (how often, to whom,
 * in which language; send last month's report now). Over `/api/partners`, `/api/partner-options`
 * and `/api/partners/:id/{people,reports}`; every change is audited by the server.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { splitEmails, t, validNip } from './words.ts';

type Label = { pl: string; en: string };
interface Partner {
  id: string;
  name: string;
  type: string;
  nip: string | null;
  address: { street?: string; postalCode?: string; city?: string } | null;
  contactEmails: string[];
  commissionGroup: string | null;
  archived: boolean;
}
interface Person {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
}
interface Subscription {
  id: string;
  frequency: 'weekly' | 'monthly';
  emails: string[];
  locale: string;
  active: boolean;
}
interface Options {
  types: Array<{ id: string; label: Label; internal: boolean }>;
  commissionGroups: Array<{ id: string; label: Label }>;
}
type Said = { key: 'saved' | 'personSaved' | 'invited' | 'subscribed' | 'sentNow'; arg: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * @summary Partner firms, their representatives, portal logins and report subscriptions.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart message - The result of the last action.
 */
export class CrmPartners extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        align-items: end; margin: .5rem 0 .75rem; }
      form .wide { grid-column: 1 / -1; }
      textarea { min-height: 2.5rem; width: 100%; box-sizing: border-box; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left;
        vertical-align: top; overflow-wrap: anywhere; }
      tr[aria-current='true'] td { background: var(--crm-color-surface-muted, #f1f5f9); }
      section.detail { border-top: 2px solid var(--crm-color-border, #e2e8f0); margin-top: 1rem; padding-top: .5rem; }
      td button { margin: 0 .25rem .25rem 0; }
    `,
  ];

  @state() private partners: Partner[] = [];
  @state() private options: Options = { types: [], commissionGroups: [] };
  @state() private editing: Partner | 'new' | null = null;
  @state() private chosen: Partner | null = null;
  @state() private people: Person[] = [];
  @state() private subs: Subscription[] = [];
  @state() private personEditing: Person | 'new' | null = null;
  @state() private said: Said | null = null;
  @state() private error = '';
  @state() private problems: Record<string, string> = {};
  private readonly api = new ApiController<unknown>(this);
  /** One action at a time (a double click saves once); the list reloads before the result is said. */
  private readonly action = new ActionRunner<Said>(this, {
    start: () => {
      this.error = '';
      this.said = null;
    },
    refresh: () => this.load(),
    done: (said) => (this.said = said),
    fail: (e) => (this.error = errorMessage(this, e)),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the partners (and the chosen one's people and subscriptions). */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [list, options] = await Promise.all([
        this.api.get<{ items: Partner[] }>('/api/partners?includeArchived=true'),
        this.api.get<Options>('/api/partner-options'),
      ]);
      this.partners = list.items;
      this.options = options;
      if (this.chosen) {
        this.chosen = list.items.find((p) => p.id === this.chosen!.id) ?? null;
        if (this.chosen) await this.loadChosen(this.chosen);
      }
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private async loadChosen(p: Partner): Promise<void> {
    const id = encodeURIComponent(p.id);
    const [people, subs] = await Promise.all([
      this.api.get<{ items: Person[] }>(`/api/partners/${id}/people`),
      this.api.get<{ items: Subscription[] }>(`/api/partners/${id}/reports`),
    ]);
    this.people = people.items;
    this.subs = subs.items;
  }

  private async choose(p: Partner): Promise<void> {
    this.chosen = p;
    this.personEditing = null;
    this.said = null;
    try {
      await this.loadChosen(p);
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  /** The form's own problems first: with any, nothing is sent. */
  private run(problems: Record<string, string>, step: () => Promise<Said>): Promise<unknown> {
    this.problems = problems;
    return Object.keys(problems).length ? Promise.resolve() : this.action.run(step);
  }

  private label(l: Label | undefined, fallback: string): string {
    return l ? l[this.resolvedLang] : fallback;
  }

  private emailProblems(list: string[], field: string, required: boolean): Record<string, string> {
    const bad = list.find((e) => !EMAIL.test(e));
    if (bad) return { [field]: t(this, 'badEmail', bad) };
    if (required && !list.length) return { [field]: t(this, 'needRecipients') };
    return {};
  }

  private savePartner(e: SubmitEvent): Promise<unknown> {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const val = (k: string) => String(d.get(k) ?? '').trim();
    const emails = splitEmails(val('contactEmails'));
    const problems: Record<string, string> = { ...this.emailProblems(emails, 'contactEmails', false) };
    if (!val('name')) problems['name'] = t(this, 'needName');
    if (val('nip') && !validNip(val('nip'))) problems['nip'] = t(this, 'badNip');
    const address = Object.fromEntries(
      (['street', 'postalCode', 'city'] as const).map((k) => [k, val(k)]).filter(([, v]) => v),
    );
    const body = {
      name: val('name'),
      type: val('type'),
      nip: val('nip') || null,
      contactEmails: emails,
      commissionGroup: val('commissionGroup') || null,
      address,
    };
    const editing = this.editing;
    return this.run(problems, async () => {
      const saved =
        editing && editing !== 'new'
          ? await this.api.patch<Partner>(`/api/partners/${encodeURIComponent(editing.id)}`, body)
          : await this.api.post<Partner>('/api/partners', body);
      this.editing = null;
      return { key: 'saved', arg: saved.name };
    });
  }

  private savePerson(e: SubmitEvent, p: Partner): Promise<unknown> {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const val = (k: string) => String(d.get(k) ?? '').trim();
    const problems: Record<string, string> = {};
    if (!val('personName')) problems['personName'] = t(this, 'needName');
    if (val('email') && !EMAIL.test(val('email'))) problems['email'] = t(this, 'badEmail', val('email'));
    const body = { name: val('personName'), email: val('email') || null, phone: val('phone') || null };
    const editing = this.personEditing;
    const base = `/api/partners/${encodeURIComponent(p.id)}/people`;
    return this.run(problems, async () => {
      const saved =
        editing && editing !== 'new'
          ? await this.api.patch<Person>(`${base}/${encodeURIComponent(editing.id)}`, body)
          : await this.api.post<Person>(base, body);
      this.personEditing = null;
      return { key: 'personSaved', arg: saved.name };
    });
  }

  private giveLogin(p: Partner, person: Person): Promise<unknown> {
    const problems: Record<string, string> = person.email ? {} : { [`login-${person.id}`]: t(this, 'needEmail') };
    return this.run(problems, async () => {
      await this.api.post(`/api/partners/${encodeURIComponent(p.id)}/people/${encodeURIComponent(person.id)}/login`, {
        invite: true,
        lang: this.resolvedLang,
      });
      return { key: 'invited', arg: person.email ?? '' };
    });
  }

  private subscribe(e: SubmitEvent, p: Partner): Promise<unknown> {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const emails = splitEmails(String(d.get('recipients') ?? ''));
    return this.run(this.emailProblems(emails, 'recipients', true), async () => {
      await this.api.put(`/api/partners/${encodeURIComponent(p.id)}/reports`, {
        frequency: String(d.get('frequency')),
        emails,
        locale: String(d.get('locale')),
        active: d.get('active') === 'on',
      });
      return { key: 'subscribed', arg: '' };
    });
  }

  private sendNow(p: Partner, emails: string[]): Promise<unknown> {
    const now = new Date();
    const from = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const to = new Date(now.getFullYear(), now.getMonth(), 1);
    return this.run({}, async () => {
      await this.api.post(`/api/partners/${encodeURIComponent(p.id)}/reports/send`, {
        from: from.toISOString(),
        to: to.toISOString(),
        ...(emails.length ? { emails } : {}),
      });
      return { key: 'sentNow', arg: '' };
    });
  }

  private field(name: string, label: string, value: string, extra: { type?: string; wide?: boolean } = {}) {
    const err = this.problems[name];
    const id = `f-${name}`;
    return html`<div class=${`field${extra.wide ? ' wide' : ''}`}><label for=${id}>${label}</label>
      ${
        extra.type === 'textarea'
          ? html`<textarea id=${id} name=${name} aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${err ? `${id}-err` : nothing}>${value}</textarea>`
          : html`<input id=${id} name=${name} .value=${value} type=${extra.type ?? 'text'}
              aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `${id}-err` : nothing}>`
      }
      ${err ? html`<span class="field-error" id=${`${id}-err`}>${err}</span>` : nothing}</div>`;
  }

  private renderPartnerForm() {
    const p = this.editing === 'new' ? null : this.editing;
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.savePartner(e)}>
      ${this.field('name', t(this, 'name'), p?.name ?? '')}
      ${this.field('nip', t(this, 'nip'), p?.nip ?? '')}
      <div class="field"><label for="f-type">${t(this, 'type')}</label><select id="f-type" name="type">
        ${this.options.types.map(
          (o) => html`<option value=${o.id} ?selected=${o.id === p?.type}>${this.label(o.label, o.id)}</option>`,
        )}</select></div>
      <div class="field"><label for="f-group">${t(this, 'group')}</label>
        <select id="f-group" name="commissionGroup"><option value="">${t(this, 'noGroup')}</option>
        ${this.options.commissionGroups.map(
          (g) =>
            html`<option value=${g.id} ?selected=${g.id === p?.commissionGroup}>${this.label(g.label, g.id)}</option>`,
        )}</select></div>
      ${this.field('street', t(this, 'street'), p?.address?.street ?? '')}
      ${this.field('postalCode', t(this, 'postalCode'), p?.address?.postalCode ?? '')}
      ${this.field('city', t(this, 'city'), p?.address?.city ?? '')}
      ${this.field('contactEmails', t(this, 'emails'), p?.contactEmails.join('\n') ?? '', {
        type: 'textarea',
        wide: true,
      })}
      <div class="row"><button type="submit" ?disabled=${this.action.busy}>${t(this, 'save')}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = null)}>
          ${t(this, 'cancel')}</button></div>
    </form>`;
  }

  private renderPersonForm(p: Partner) {
    const person = this.personEditing === 'new' ? null : this.personEditing;
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.savePerson(e, p)}>
      ${this.field('personName', t(this, 'personName'), person?.name ?? '')}
      ${this.field('email', t(this, 'email'), person?.email ?? '', { type: 'email' })}
      ${this.field('phone', t(this, 'phone'), person?.phone ?? '', { type: 'tel' })}
      <div class="row"><button type="submit" ?disabled=${this.action.busy}>${t(this, 'save')}</button>
        <button type="button" class="secondary" @click=${() => (this.personEditing = null)}>
          ${t(this, 'cancel')}</button></div>
    </form>`;
  }

  private renderPeople(p: Partner) {
    return html`<h4>${t(this, 'people', p.name)}</h4>
      ${
        this.people.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'people', p.name)}>
            <table><thead><tr><th scope="col">${t(this, 'personName')}</th><th scope="col">${t(this, 'email')}</th>
              <th scope="col">${t(this, 'phone')}</th><th scope="col">${t(this, 'login')}</th></tr></thead>
            <tbody>${this.people.map((x) => {
              const err = this.problems[`login-${x.id}`];
              return html`<tr data-id=${x.id}><td>${x.name}<br>
                  <button class="link" @click=${() => (this.personEditing = x)}
                    aria-label=${`${t(this, 'edit')}: ${x.name}`}>${t(this, 'edit')}</button></td>
                <td>${x.email ?? '—'}</td><td>${x.phone ?? '—'}</td>
                <td>${
                  x.userId
                    ? t(this, 'hasLogin')
                    : html`${t(this, 'noLogin')}<br><button class="secondary" ?disabled=${this.action.busy}
                        aria-label=${`${t(this, 'giveLogin')}: ${x.name}`}
                        @click=${() => this.giveLogin(p, x)}>${t(this, 'giveLogin')}</button>
                      ${err ? html`<span class="field-error" role="alert">${err}</span>` : nothing}`
                }</td></tr>`;
            })}</tbody></table></div>`
          : html`<p class="muted">${t(this, 'noPeople')}</p>`
      }
      ${
        this.personEditing
          ? this.renderPersonForm(p)
          : html`<button class="secondary" @click=${() => (this.personEditing = 'new')}>
              ${t(this, 'addPerson')}</button>`
      }`;
  }

  private renderReports(p: Partner) {
    const freq = (f: string) => (f === 'weekly' ? t(this, 'weekly') : t(this, 'monthly'));
    const err = this.problems['recipients'];
    return html`<h4>${t(this, 'reports')}</h4>
      ${
        this.subs.length
          ? html`<ul>${this.subs.map(
              (s) => html`<li data-frequency=${s.frequency}>${freq(s.frequency)} · ${s.emails.join(', ')} ·
                ${s.locale.toUpperCase()}${s.active ? '' : ` · ${t(this, 'archived')}`}</li>`,
            )}</ul>`
          : html`<p class="muted">${t(this, 'noReports')}</p>`
      }
      <form novalidate @submit=${(e: SubmitEvent) => this.subscribe(e, p)}>
        <div class="field"><label for="f-frequency">${t(this, 'frequency')}</label>
          <select id="f-frequency" name="frequency"><option value="monthly">${t(this, 'monthly')}</option>
            <option value="weekly">${t(this, 'weekly')}</option></select></div>
        <div class="field"><label for="f-locale">${t(this, 'language')}</label>
          <select id="f-locale" name="locale"><option value="pl">Polski</option>
            <option value="en">English</option></select></div>
        <label class="row"><input type="checkbox" name="active" checked> ${t(this, 'active')}</label>
        <div class="field wide"><label for="f-recipients">${t(this, 'recipients')}</label>
          <textarea id="f-recipients" name="recipients" aria-invalid=${err ? 'true' : 'false'}
            aria-describedby=${err ? 'f-recipients-err' : nothing}>${p.contactEmails.join('\n')}</textarea>
          ${err ? html`<span class="field-error" id="f-recipients-err">${err}</span>` : nothing}</div>
        <div class="row"><button type="submit" ?disabled=${this.action.busy}>${t(this, 'subscribe')}</button>
          <button type="button" class="secondary" ?disabled=${this.action.busy}
            @click=${() => this.sendNow(p, this.subs[0]?.emails ?? [])}>${t(this, 'sendNow')}</button></div>
      </form>`;
  }

  private renderRow(p: Partner) {
    const type = this.options.types.find((o) => o.id === p.type);
    const group = this.options.commissionGroups.find((g) => g.id === p.commissionGroup);
    return html`<tr data-id=${p.id} aria-current=${this.chosen?.id === p.id ? 'true' : 'false'}>
      <td><strong>${p.name}</strong>${p.archived ? html` <span class="badge">${t(this, 'archived')}</span>` : nothing}
        <br><small>${this.label(type?.label, p.type)}</small></td>
      <td>${p.nip ?? '—'}</td><td>${p.contactEmails.join(', ') || '—'}</td>
      <td>${group ? this.label(group.label, group.id) : '—'}</td>
      <td><button class="secondary" @click=${() => this.choose(p)} aria-label=${`${t(this, 'open')}: ${p.name}`}>
          ${t(this, 'open')}</button>
        <button class="secondary" @click=${() => (this.editing = p)} aria-label=${`${t(this, 'edit')}: ${p.name}`}>
          ${t(this, 'edit')}</button></td>
    </tr>`;
  }

  override render() {
    const said = this.said;
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <p class="muted">${t(this, 'intro')}</p>
      <div aria-live="polite">${
        said ? html`<p part="message" class="message" data-kind="ok">${t(this, said.key, said.arg)}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.editing
          ? this.renderPartnerForm()
          : html`<button @click=${() => (this.editing = 'new')}>${t(this, 'add')}</button>`
      }
      ${
        this.partners.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
            <table><thead><tr><th scope="col">${t(this, 'name')}</th><th scope="col">${t(this, 'nip')}</th>
              <th scope="col">${t(this, 'emails')}</th><th scope="col">${t(this, 'group')}</th>
              <th scope="col"><span class="visually-hidden">${t(this, 'open')}</span></th></tr></thead>
            <tbody>${this.partners.map((p) => this.renderRow(p))}</tbody></table></div>`
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
      ${
        this.chosen
          ? html`<section class="detail" aria-label=${this.chosen.name}><h3>${this.chosen.name}</h3>
            ${this.renderPeople(this.chosen)} ${this.renderReports(this.chosen)}</section>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-partners': CrmPartners;
  }
}
