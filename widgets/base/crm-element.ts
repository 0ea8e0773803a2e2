/**
 * @module widgets/base/crm-element
 * The base class of every widget. It answers two questions the same way for all of them:
 *
 * Which language? The element's own `lang` attribute, else the nearest ancestor with a `lang`
 * attribute (crossing shadow roots, up to `<html lang>`), else Polish. Changing any of those
 * re-renders the widgets, so a page's language switch needs no widget-specific code.
 *
 * Which API, as whom? `base-url` and `token` from the element itself, else from the nearest
 * ancestor `<crm-provider base-url=… token=…>` (a plain wrapper element that needs no script),
 * else `<meta name="crm-base-url" content="…">` for the base URL; nothing means the page's own
 * origin with the session cookie. There is deliberately no global JS config object: attributes
 * work in a CMS, under a strict CSP, and with two apps on one page.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiConfig } from './api-client.ts';
import { defaultLang, normalizeLang, type Lang } from './lang.ts';
import { baseStyles } from './theme.ts';

/** The parent in the composed tree: the parent element, or the host of our shadow root. */
function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The nearest ancestor (not `from` itself) matching `test`, crossing shadow roots. */
export function closestComposed(from: Element, test: (el: Element) => boolean): Element | null {
  for (let el = composedParent(from); el; el = composedParent(el)) if (test(el)) return el;
  return null;
}

// One observer for all widgets: an ancestor's `lang` changed, so every widget re-resolves.
const connected = new Set<CrmElement>();
let langObserver: MutationObserver | undefined;

function watchLang(el: CrmElement): void {
  connected.add(el);
  if (langObserver) return;
  langObserver = new MutationObserver(() => connected.forEach((w) => w.requestUpdate()));
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function unwatchLang(el: CrmElement): void {
  connected.delete(el);
  if (connected.size === 0) {
    langObserver?.disconnect();
    langObserver = undefined;
  }
}

/**
 * @summary Base class of broker-crm widgets: language, API configuration and shared styles.
 * @cssproperty --crm-font-family - Font of all widget text.
 * @cssproperty --crm-color-primary - Brand colour of buttons and links.
 * @cssproperty --crm-color-text - Colour of body text.
 * @cssproperty --crm-color-danger - Colour of error messages.
 */
export class CrmElement extends LitElement {
  static override styles = [baseStyles];

  /** Language of this widget: `pl` or `en`. Empty means inherit from the page (default Polish). */
  @property() override lang = '';

  /** Origin of the CRM API, e.g. `https://crm.example.pl`. Empty means the page's own origin or `<crm-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** API key or session token sent as a bearer token; empty means the `crm_session` cookie. */
  @property() token = '';

  /** The language this widget renders in, resolved as described in the module comment. */
  get resolvedLang(): Lang {
    const own = normalizeLang(this.lang);
    if (own) return own;
    const ancestor = closestComposed(this, (el) => el.hasAttribute('lang'));
    return normalizeLang(ancestor?.getAttribute('lang')) ?? defaultLang;
  }

  /** Where and as whom `ApiController` talks, resolved at each request. */
  get apiConfig(): ApiConfig {
    const provider = this.baseUrl && this.token ? null : closestComposed(this, (el) => el.localName === 'crm-provider');
    const meta = document.querySelector<HTMLMetaElement>('meta[name="crm-base-url"]');
    return {
      baseUrl: this.baseUrl || provider?.getAttribute('base-url') || meta?.content || '',
      token: this.token || provider?.getAttribute('token') || undefined,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLang(this);
  }
}
