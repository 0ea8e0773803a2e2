/**
 * @module widgets/crm-client-card
 * Registers `<crm-client-card>`. Import this (or load `dist/widgets/crm-client-card.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmClientCard } from './crm-client-card.component.ts';

export { CrmClientCard } from './crm-client-card.component.ts';
export { CrmClientSavedEvent } from './events.ts';

defineElement('crm-client-card', CrmClientCard);
