/**
 * @module widgets/crm-report/events
 * `crm-report-drill`: a person opened a row's detail (region → branch → advisor → the person).
 */
import { CrmEvent } from '../base/events.ts';
import type { Drill } from './types.ts';

/** A row's drill-down was opened; `drill` holds the parameters of the new level. */
export class CrmReportDrillEvent extends CrmEvent {
  static readonly eventName = 'crm-report-drill';
  readonly drill: Drill;
  readonly label: string;
  constructor(drill: Drill, label: string) {
    super(CrmReportDrillEvent.eventName);
    this.drill = drill;
    this.label = label;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-report-drill': CrmReportDrillEvent;
  }
}
