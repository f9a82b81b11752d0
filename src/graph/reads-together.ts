import type { Agenda } from './agenda';
import type { Caller } from './calendar-gateway';
import type { CalendarRead, CalendarReadOutcomes } from './calendar-reads';
import type { Calendars } from './calendars';
import type { PlannedRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import type { People } from './people';
import type { Permissions } from './permissions';

/** The gateway's areas that can plan their reads for a shared `$batch`. */
export interface PlanningAreas {
  people: People;
  calendars: Calendars;
  agenda: Agenda;
  permissions: Permissions;
}

/** Reads of several areas of the gateway, planned by each area, sent in one round trip. */
export class ReadsTogether {
  constructor(
    private readonly deps: GraphDeps,
    private readonly areas: PlanningAreas,
  ) {}

  async readTogether<Q extends Record<string, CalendarRead>>(caller: Caller, reads: Q): Promise<CalendarReadOutcomes<Q>> {
    const names = Object.keys(reads);
    const outcomes = await this.deps.batch.runPlanned(
      caller,
      names.map((name) => this.plan(caller, reads[name])),
    );
    return Object.fromEntries(names.map((name, index) => [name, outcomes[index]])) as CalendarReadOutcomes<Q>;
  }

  private plan(caller: Caller, read: CalendarRead): PlannedRead<unknown> {
    switch (read.read) {
      case 'person':
        return this.areas.people.planResolve(caller, { address: read.address });
      case 'myCalendars':
        return this.areas.calendars.planCalendars(caller, {});
      case 'calendarsSharedBy':
        return this.areas.calendars.planCalendars(caller, { ownerAddress: read.ownerAddress });
      case 'primaryCalendar':
        return this.areas.calendars.planPrimaryCalendar({ ownerAddress: read.ownerAddress });
      case 'agenda':
        return this.areas.agenda.planAgenda(caller, read);
      case 'permissions':
        return this.areas.permissions.planPermissions(caller, { calendarId: read.calendarId });
    }
  }
}
