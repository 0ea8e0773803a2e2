/**
 * @module workflow/enum-labels
 * Labels of pick-list values in the fields a move asks for. A firm gives them in the config
 * (`workflow.fields.<name>.enumLabels`); the cancellation kinds the clawback knows have built-in
 * Polish and English labels, so a config that predates `enumLabels` still shows words, not codes.
 */
type Label = { pl: string; en: string };

/** The built-in labels of `cancellationKind`'s values (the kinds the clawback rules know). */
export const CANCELLATION_KIND_LABELS: Readonly<Record<string, Label>> = {
  withdrawal: { pl: 'Odstąpienie od umowy przez klienta', en: 'Withdrawal by the client' },
  rejection: { pl: 'Odrzucenie przez instytucję', en: 'Rejection by the provider' },
  'early-repayment': { pl: 'Wcześniejsza spłata', en: 'Early repayment' },
  other: { pl: 'Inna przyczyna', en: 'Other reason' },
};

/**
 * The labels of a field's values: the config's, over the built-in ones for `cancellationKind`.
 * @example
 * enumLabelsOf('cancellationKind', undefined).withdrawal.pl // 'Odstąpienie od umowy przez klienta'
 */
export function enumLabelsOf(
  name: string,
  configured: Readonly<Record<string, Label>> | undefined,
): Record<string, Label> | undefined {
  const builtIn = name === 'cancellationKind' ? CANCELLATION_KIND_LABELS : undefined;
  if (!builtIn && !configured) return undefined;
  return { ...builtIn, ...configured };
}
