/**
 * @module widgets/base/define
 * Registers a custom element without breaking when the same tag is already taken. Firms embed our
 * widgets from several intranet apps at once, so one page can load two copies of a bundle; the
 * second `customElements.define` would throw and take the rest of that app's script down with it.
 */

/**
 * Defines `tag` as `ctor`, or warns and keeps the first definition when the tag is taken.
 * Returns `true` when this call registered the element.
 *
 * @example
 * defineElement('crm-hello', CrmHello); // true
 * defineElement('crm-hello', CrmHello); // true again: same class, nothing to do
 * defineElement('crm-hello', OtherCopyOfCrmHello); // false, console.warn
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): boolean {
  const existing = customElements.get(tag);
  if (existing === ctor) return true;
  if (existing) {
    console.warn(
      `[broker-crm] <${tag}> is already defined, probably by another copy of the widget bundle on this page; ` +
        `keeping the first definition.`,
    );
    return false;
  }
  customElements.define(tag, ctor);
  return true;
}
