/**
 * @module widgets/crm-status-picker/sale-preview
 * The proposed commission lines of a sale, shown in the sale form before the person confirms
 * (`POST /api/clients/:id/transitions/preview`): who is paid, how much in złoty, by which rule — or
 * that no rule covers the sale, with the acknowledgement the firm's policy asks for.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { defineTranslations, formatMoney, type LangSource } from '../base/i18n.ts';
import type { Lang } from '../base/lang.ts';

export interface PreviewLine {
  ledger: 'firm' | 'advisor' | 'partner' | 'unit';
  component: string;
  beneficiary: { kind: string; id: string; name: string | null };
  amountMinor: number | null;
  ruleId: string | null;
  ruleLabel: string | null;
  missing: boolean;
  explanation: { pl: string; en: string } | null;
}

/** The preview endpoint's `commissions`. */
export interface SalePreview {
  lines: PreviewLine[];
  uncovered: PreviewLine['ledger'][];
  policy: 'acknowledge' | 'refuse' | 'allow';
  product: { id: string; name: string | null; category: string | null; inCatalogue: boolean };
  provider: { id: string; name: string | null };
  saleDate: string;
}

export const previewText = defineTranslations({
  pl: {
    title: 'Proponowane prowizje',
    computing: 'Liczę prowizje…',
    hint: 'Uzupełnij pola sprzedaży, a zobaczysz tu prowizje, zanim potwierdzisz.',
    recipient: 'Odbiorca',
    amount: 'Kwota',
    rule: 'Reguła',
    firm: 'Firma',
    advisor: 'Doradca',
    partner: 'Partner',
    unit: 'Oddział',
    payer: (name: string) => `płaci: ${name}`,
    hidden: 'niewidoczna dla Ciebie',
    noRule: 'Brak reguły',
    needsAmount: 'Kwota do uzupełnienia',
    uncovered: (where: string) =>
      `Żadna reguła prowizyjna nie obejmuje tej sprzedaży (${where}): prowizja wyniesie 0,00 zł do ręcznej ` +
      'korekty. Sprawdź bank i produkt.',
    refused: 'Firma nie przyjmuje sprzedaży, której nie obejmuje żadna reguła prowizyjna. Wybierz inny produkt.',
    notInCatalogue: 'Tego produktu nie ma w katalogu prowizyjnym.',
    acknowledge:
      'Rozumiem — zapisz sprzedaż mimo braku reguły (zostanie to odnotowane w historii klienta, ' +
      'a prowizja trafi do weryfikacji)',
    ackRequired: 'Zaznacz, że zapisujesz sprzedaż bez reguły prowizyjnej, albo zmień produkt.',
    total: 'Razem widoczne',
  },
  en: {
    title: 'Proposed commissions',
    computing: 'Computing commissions…',
    hint: 'Fill in the sale and the commissions appear here before you confirm.',
    recipient: 'Recipient',
    amount: 'Amount',
    rule: 'Rule',
    firm: 'Firm',
    advisor: 'Advisor',
    partner: 'Partner',
    unit: 'Branch',
    payer: (name: string) => `paid by ${name}`,
    hidden: 'not visible to you',
    noRule: 'No rule',
    needsAmount: 'Amount to be entered',
    uncovered: (where: string) =>
      `No commission rule covers this sale (${where}): the commission will be 0.00 until corrected by hand. ` +
      'Check the bank and the product.',
    refused: 'The firm does not record a sale no commission rule covers. Choose another product.',
    notInCatalogue: 'This product is not in the commission catalogue.',
    acknowledge:
      "I understand — record the sale without a rule (noted in the client's history; the commission goes " +
      'to review)',
    ackRequired: 'Tick that you record the sale without a commission rule, or change the product.',
    total: 'Visible total',
  },
});
const t = previewText;

const ledgerLabel = (host: LangSource, ledger: PreviewLine['ledger']) => t(host, ledger);

function recipient(host: LangSource, line: PreviewLine): TemplateResult {
  const name = line.beneficiary.name ?? line.beneficiary.id;
  return html`<div class="muted small">${ledgerLabel(host, line.ledger)}</div>${
    line.beneficiary.kind === 'provider' ? t(host, 'payer', name) : name
  }`;
}

function amount(host: LangSource, lang: Lang, line: PreviewLine): TemplateResult {
  if (line.amountMinor === null)
    return html`<span aria-hidden="true">—</span><span class="visually-hidden">${t(host, 'hidden')}</span>`;
  return html`${formatMoney(line.amountMinor, lang)}`;
}

function rule(host: LangSource, lang: Lang, line: PreviewLine): TemplateResult {
  const name = line.ruleId ? (line.ruleLabel ?? line.ruleId) : t(host, 'noRule');
  const flag = line.missing && line.ruleId ? t(host, 'needsAmount') : '';
  return html`<span class=${line.ruleId ? '' : 'warn'}>${name}</span>${
    flag ? html`<div class="warn small">${flag}</div>` : nothing
  }${line.explanation ? html`<div class="muted small">${line.explanation[lang]}</div>` : nothing}`;
}

/** Options of the preview panel: state owned by the status picker. */
export interface PreviewView {
  preview: SalePreview | undefined;
  loading: boolean;
  acknowledged: boolean;
  ackError: string | undefined;
  onAcknowledge: (checked: boolean) => void;
}

/**
 * The panel: a hint before the sale's fields are complete, the lines once computed, and for a sale
 * no rule covers the warning with the acknowledgement checkbox (or the firm's refusal).
 */
export function renderSalePreview(host: LangSource, lang: Lang, v: PreviewView): TemplateResult {
  const p = v.preview;
  const where = p ? p.uncovered.map((l) => ledgerLabel(host, l).toLowerCase()).join(', ') : '';
  const visible = p?.lines.filter((l) => l.amountMinor !== null) ?? [];
  return html`<section part="preview" class="preview" aria-labelledby="preview-title" tabindex="-1"
    aria-busy=${v.loading ? 'true' : 'false'}>
    <h4 id="preview-title">${t(host, 'title')}</h4>
    <div aria-live="polite">${
      v.loading
        ? html`<p class="muted">${t(host, 'computing')}</p>`
        : p
          ? nothing
          : html`<p class="muted">${t(host, 'hint')}</p>`
    }</div>
    ${
      p
        ? html`<table part="preview-lines">
          <thead><tr>
            <th scope="col">${t(host, 'recipient')}</th>
            <th scope="col" class="num">${t(host, 'amount')}</th><th scope="col">${t(host, 'rule')}</th>
          </tr></thead>
          <tbody>${p.lines.map(
            (l) => html`<tr data-ledger=${l.ledger} data-missing=${l.missing ? 'true' : 'false'}>
              <td>${recipient(host, l)}</td>
              <td class="num">${amount(host, lang, l)}</td><td>${rule(host, lang, l)}</td>
            </tr>`,
          )}</tbody>
          ${
            visible.length > 1
              ? html`<tfoot><tr><th scope="row">${t(host, 'total')}</th>
                <td class="num">${formatMoney(
                  visible.reduce((s, l) => s + (l.amountMinor ?? 0), 0),
                  lang,
                )}</td><td></td></tr></tfoot>`
              : nothing
          }
        </table>
        ${p.product.inCatalogue ? nothing : html`<p class="warn">${t(host, 'notInCatalogue')}</p>`}
        ${
          p.uncovered.length
            ? html`<div part="uncovered" class="message" data-kind="warning" role="alert">
              ${p.policy === 'refuse' ? t(host, 'refused') : t(host, 'uncovered', where)}</div>
            ${
              p.policy === 'acknowledge'
                ? html`<div class="field ack">
                  <label><input type="checkbox" id="move-ack" part="input" .checked=${live(v.acknowledged)}
                    aria-invalid=${v.ackError ? 'true' : 'false'}
                    aria-describedby=${v.ackError ? 'move-ack-error' : nothing}
                    @change=${(e: Event) => v.onAcknowledge((e.target as HTMLInputElement).checked)}>
                    ${t(host, 'acknowledge')}</label>
                  ${
                    v.ackError
                      ? html`<span class="field-error" id="move-ack-error" part="field-error">${v.ackError}</span>`
                      : nothing
                  }
                </div>`
                : nothing
            }`
            : nothing
        }`
        : nothing
    }
  </section>`;
}
