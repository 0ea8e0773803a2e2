/**
 * @module widgets/crm-import/component
 * `<crm-import>`: client import from a spreadsheet for the back office. A person picks a CSV or XLSX
 * file, sees each column's guessed (or saved) client field and may change it, runs a dry run that
 * lists every problem by row and column, imports with a progress bar, and can undo the whole import
 * (the server refuses, naming the clients, when some were worked on since). Over `/api/imports`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';

type Kind = 'person' | 'company';
interface Field {
  name: string;
  label: { pl: string; en: string };
  required: boolean;
}
interface Upload {
  uploadId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  rows: number;
  header: string[];
  mapping: Record<string, string>;
  savedMapping: boolean;
  fields: Field[];
}
interface Problem {
  row: number;
  column: string;
  field: string;
  message: string;
  duplicate?: true;
}
interface DryRun {
  total: number;
  valid: number;
  duplicates: number;
  errors: number;
  problems: Problem[];
}
interface Progress {
  id: string;
  status: 'running' | 'done' | 'failed' | 'undone';
  rows: number;
  processed: number;
  imported: number;
  duplicates: number;
  errors: number;
}

const t = defineTranslations({
  pl: {
    title: 'Import klientów z arkusza',
    file: 'Plik CSV lub XLSX',
    kind: 'Rodzaj klientów',
    person: 'Osoby',
    company: 'Firmy',
    read: 'Wczytaj plik',
    reading: 'Wczytywanie…',
    about: (rows: number, format: string, encoding: string) =>
      `${rows} wierszy · ${format.toUpperCase()}${format === 'csv' ? ` · ${encoding}` : ''}`,
    saved: 'Przyporządkowanie kolumn zapamiętane z poprzedniego importu tego układu.',
    guessed: 'Przyporządkowanie kolumn odgadnięte z nagłówków — sprawdź je.',
    column: 'Kolumna w pliku',
    field: 'Pole klienta',
    skip: '— nie importuj —',
    check: 'Sprawdź (bez zapisu)',
    checked: (valid: number, dup: number, err: number) =>
      `Do zaimportowania: ${valid} · duplikaty: ${dup} · z błędami: ${err}`,
    row: 'Wiersz',
    problem: 'Problem',
    more: (n: number) => `…i ${n} kolejnych (wszystkie są w raporcie importu).`,
    import: 'Importuj',
    importing: 'Importowanie…',
    progress: 'Postęp importu',
    done: (p: Progress) =>
      `Zaimportowano ${p.imported} z ${p.rows} wierszy · duplikaty: ${p.duplicates} · z błędami: ${p.errors}`,
    failed: 'Import przerwany. To, co zapisano, można cofnąć.',
    undo: 'Cofnij cały import',
    undone: (n: number) => `Import cofnięty: usunięto ${n} klientów.`,
    again: 'Nowy import',
  },
  en: {
    title: 'Import clients from a spreadsheet',
    file: 'CSV or XLSX file',
    kind: 'Kind of clients',
    person: 'People',
    company: 'Companies',
    read: 'Read the file',
    reading: 'Reading…',
    about: (rows: number, format: string, encoding: string) =>
      `${rows} rows · ${format.toUpperCase()}${format === 'csv' ? ` · ${encoding}` : ''}`,
    saved: 'Column mapping remembered from an earlier import of this layout.',
    guessed: 'Column mapping guessed from the headers — check it.',
    column: 'Column in the file',
    field: 'Client field',
    skip: '— do not import —',
    check: 'Check (nothing saved)',
    checked: (valid: number, dup: number, err: number) =>
      `To import: ${valid} · duplicates: ${dup} · with errors: ${err}`,
    row: 'Row',
    problem: 'Problem',
    more: (n: number) => `…and ${n} more (all are in the import's report).`,
    import: 'Import',
    importing: 'Importing…',
    progress: 'Import progress',
    done: (p: Progress) =>
      `Imported ${p.imported} of ${p.rows} rows · duplicates: ${p.duplicates} · with errors: ${p.errors}`,
    failed: 'The import stopped. What was written can be undone.',
    undo: 'Undo the whole import',
    undone: (n: number) => `Import undone: ${n} clients removed.`,
    again: 'New import',
  },
});

const SHOWN_PROBLEMS = 50;

/**
 * @summary Import clients from CSV or XLSX: mapping, dry run by row and column, progress, undo.
 *
 * @event crm-import-done - An import ended; `event.detail` is its progress `{ id, status, imported, … }`.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart file - The file form.
 * @csspart mapping - The table of columns and client fields.
 * @csspart problems - The problems by row and column.
 * @csspart progress - The progress bar.
 * @csspart message - The result of the last step.
 */
export class CrmImport extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form, .actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
      table { border-collapse: collapse; margin: .5rem 0; }
      td, th { padding: .3rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left; }
      progress { width: min(30rem, 100%); height: 1rem; }
      .scroll { overflow-x: auto; max-height: 24rem; }
      small { color: var(--crm-color-text-muted, #475569); }
    `,
  ];

  @state() private upload: Upload | null = null;
  @state() private mapping: Record<string, string> = {};
  @state() private checked: DryRun | null = null;
  @state() private progress: Progress | null = null;
  @state() private kind: Kind = 'person';
  @state() private busy = false;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);

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

  private read(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const file = (form.querySelector('input[type=file]') as HTMLInputElement).files?.[0];
    if (!file) return Promise.resolve();
    return this.step(async () => {
      this.checked = null;
      this.progress = null;
      this.message = '';
      const upload = await this.api.post<Upload>('/api/imports/uploads', file, {
        query: { fileName: file.name, kind: this.kind },
      });
      this.upload = upload;
      this.mapping = { ...upload.mapping };
    });
  }

  private setField(column: string, field: string): void {
    const next = { ...this.mapping };
    if (field) next[column] = field;
    else delete next[column];
    this.mapping = next;
    this.checked = null;
  }

  private check(): Promise<void> {
    return this.step(async () => {
      this.checked = await this.api.post<DryRun>(`/api/imports/uploads/${this.upload!.uploadId}/dry-run`, {
        kind: this.kind,
        mapping: this.mapping,
      });
    });
  }

  private start(): Promise<void> {
    return this.step(async () => {
      const started = await this.api.post<Progress>('/api/imports', {
        uploadId: this.upload!.uploadId,
        kind: this.kind,
        mapping: this.mapping,
      });
      this.progress = started;
      while (this.progress.status === 'running') {
        await new Promise((r) => setTimeout(r, 400));
        this.progress = await this.api.get<Progress>(`/api/imports/${started.id}/progress`);
      }
      this.message = this.progress.status === 'done' ? t(this, 'done', this.progress) : t(this, 'failed');
      this.dispatchEvent(new CustomEvent('crm-import-done', { detail: this.progress, bubbles: true, composed: true }));
    });
  }

  private undo(): Promise<void> {
    return this.step(async () => {
      const r = await this.api.post<{ removed: number; import: Progress }>(`/api/imports/${this.progress!.id}/undo`);
      this.progress = r.import;
      this.message = t(this, 'undone', r.removed);
    });
  }

  private reset(): void {
    this.upload = null;
    this.checked = null;
    this.progress = null;
    this.message = '';
    this.error = '';
  }

  private renderMapping(u: Upload) {
    const lang = this.resolvedLang;
    const locked = Boolean(this.progress);
    return html`<p><small>${u.fileName} · ${t(this, 'about', u.rows, u.format, u.encoding)}</small></p>
      <p>${u.savedMapping ? t(this, 'saved') : t(this, 'guessed')}</p>
      <table part="mapping"><thead><tr><th scope="col">${t(this, 'column')}</th>
        <th scope="col">${t(this, 'field')}</th></tr></thead>
        <tbody>${u.header.map(
          (column, i) => html`<tr><th scope="row"><label for="map-${i}">${column}</label></th><td>
            <select id="map-${i}" ?disabled=${locked} @change=${(e: Event) =>
              this.setField(column, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.mapping[column]}>${t(this, 'skip')}</option>
              ${u.fields.map(
                (f) =>
                  html`<option value=${f.name} ?selected=${this.mapping[column] === f.name}>${f.label[lang]}${
                    f.required ? ' *' : ''
                  }</option>`,
              )}
            </select></td></tr>`,
        )}</tbody></table>`;
  }

  private renderChecked(d: DryRun) {
    const shown = d.problems.slice(0, SHOWN_PROBLEMS);
    const more = d.problems.length - shown.length;
    return html`<p part="message" role="status">${t(this, 'checked', d.valid, d.duplicates, d.errors)}</p>
      ${
        shown.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'problem')}>
            <table part="problems"><thead><tr><th scope="col">${t(this, 'row')}</th>
            <th scope="col">${t(this, 'column')}</th><th scope="col">${t(this, 'problem')}</th></tr></thead>
            <tbody>${shown.map(
              (p) => html`<tr data-row=${p.row}><td>${p.row}</td><td>${p.column}</td><td>${p.message}</td></tr>`,
            )}</tbody></table></div>
            ${more ? html`<p><small>${t(this, 'more', more)}</small></p>` : nothing}`
          : nothing
      }`;
  }

  private renderProgress(p: Progress) {
    return html`<label>${t(this, 'progress')}
        <progress part="progress" max=${Math.max(p.rows, 1)} value=${p.processed}></progress></label>
      <small>${p.processed} / ${p.rows}</small>`;
  }

  private renderActions(p: Progress | null) {
    const button = (label: string, run: () => unknown, secondary = true) =>
      html`<button class=${secondary ? 'secondary' : ''} ?disabled=${this.busy} @click=${run}>${label}</button>`;
    const ended = p && p.status !== 'running';
    return html`<div class="actions">
      ${p ? nothing : button(t(this, 'check'), () => this.check())}
      ${p ? nothing : button(this.busy ? t(this, 'importing') : t(this, 'import'), () => this.start(), false)}
      ${ended && p.status !== 'undone' ? button(t(this, 'undo'), () => this.undo()) : nothing}
      ${ended ? button(t(this, 'again'), () => this.reset()) : nothing}
    </div>`;
  }

  override render() {
    const u = this.upload;
    const p = this.progress;
    return html`<section part="base" aria-busy=${this.busy ? 'true' : 'false'}><h2>${t(this, 'title')}</h2>
      ${
        u
          ? nothing
          : html`<form part="file" @submit=${(e: SubmitEvent) => this.read(e)}>
          <label>${t(this, 'kind')} <select @change=${(e: Event) => {
            this.kind = (e.target as HTMLSelectElement).value as Kind;
          }}><option value="person">${t(this, 'person')}</option><option value="company">${t(
            this,
            'company',
          )}</option></select></label>
          <label>${t(this, 'file')} <input type="file" name="file" required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></label>
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t(this, 'reading') : t(this, 'read')}</button>
        </form>`
      }
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${u ? this.renderMapping(u) : nothing}
      ${this.checked ? this.renderChecked(this.checked) : nothing}
      ${p ? this.renderProgress(p) : nothing}
      ${
        this.message && p
          ? html`<p part="message" class="message"
        data-kind="ok" role="status">${this.message}</p>`
          : ''
      }
      ${u ? this.renderActions(p) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-import': CrmImport;
  }
}
