import { Agenda } from './agenda';
import { Availability } from './availability';
import type { CalendarGateway } from './calendar-gateway';
import { CalendarExport } from './calendar-export';
import { Calendars } from './calendars';
import type { GraphDeps } from './graph-deps';
import { EventReads } from './event-reads';
import { Events } from './events';
import type { RetryPolicy } from './middleware/retry-policy';
import { Mail } from './mail';
import { People } from './people';
import { Permissions } from './permissions';
import { ReadsTogether } from './reads-together';
import { Schedules } from './schedule';

/** The calendar port over Microsoft Graph, one area per concern; all areas share one client. */
export class GraphCalendarGateway implements CalendarGateway {
  private readonly people: People;
  private readonly calendars: Calendars;
  private readonly permissions: Permissions;
  private readonly agenda: Agenda;
  private readonly schedules: Schedules;
  private readonly mail: Mail;
  private readonly availability: Availability;
  private readonly calendarExport: CalendarExport;
  private readonly events: Events;
  private readonly eventReads: EventReads;
  private readonly together: ReadsTogether;

  constructor(deps: GraphDeps, retryPolicy: RetryPolicy) {
    this.people = new People(deps);
    this.calendars = new Calendars(deps);
    this.permissions = new Permissions(deps);
    this.agenda = new Agenda(deps);
    this.schedules = new Schedules(deps);
    this.mail = new Mail(deps);
    this.availability = new Availability(deps);
    this.calendarExport = new CalendarExport(deps);
    this.events = new Events(deps, retryPolicy);
    this.eventReads = new EventReads(deps);
    this.together = new ReadsTogether(deps, { people: this.people, calendars: this.calendars, agenda: this.agenda, permissions: this.permissions });
  }

  readTogether: CalendarGateway['readTogether'] = (caller, reads) => this.together.readTogether(caller, reads);

  getMe: CalendarGateway['getMe'] = (caller, options) => this.people.getMe(caller, options);
  findPeople: CalendarGateway['findPeople'] = (caller, params) => this.people.findPeople(caller, params);
  resolvePerson: CalendarGateway['resolvePerson'] = (caller, params) => this.people.resolvePerson(caller, params);
  personById: CalendarGateway['personById'] = (caller, params) => this.people.personById(caller, params);

  listMyCalendars: CalendarGateway['listMyCalendars'] = (caller, options) => this.calendars.listMyCalendars(caller, options);
  listCalendarsSharedBy: CalendarGateway['listCalendarsSharedBy'] = (caller, params) => this.calendars.listCalendarsSharedBy(caller, params);
  listCalendarsSharedByMany: CalendarGateway['listCalendarsSharedByMany'] = (caller, params) => this.calendars.listCalendarsSharedByMany(caller, params);
  renameMyCalendarView: CalendarGateway['renameMyCalendarView'] = (caller, params) => this.calendars.renameMyCalendarView(caller, params);

  listPermissions: CalendarGateway['listPermissions'] = (caller, params) => this.permissions.listPermissions(caller, params);
  listPermissionsForCalendars: CalendarGateway['listPermissionsForCalendars'] = (caller, params) => this.permissions.listPermissionsForCalendars(caller, params);
  grantPermission: CalendarGateway['grantPermission'] = (caller, params) => this.permissions.grantPermission(caller, params);
  updatePermission: CalendarGateway['updatePermission'] = (caller, params) => this.permissions.updatePermission(caller, params);
  revokePermission: CalendarGateway['revokePermission'] = (caller, params) => this.permissions.revokePermission(caller, params);

  readAgenda: CalendarGateway['readAgenda'] = (caller, params) => this.agenda.readAgenda(caller, params);
  getSchedule: CalendarGateway['getSchedule'] = (caller, params) => this.schedules.getSchedule(caller, params);
  sendMail: CalendarGateway['sendMail'] = (caller, params) => this.mail.sendMail(caller, params);

  matchPeople: CalendarGateway['matchPeople'] = (caller, params) => this.availability.matchPeople(caller, params);
  readAvailability: CalendarGateway['readAvailability'] = (caller, params) => this.availability.readAvailability(caller, params);
  createMeeting: CalendarGateway['createMeeting'] = (caller, params) => this.availability.createMeeting(caller, params);
  readCalendarExport: CalendarGateway['readCalendarExport'] = (caller, params) => this.calendarExport.readCalendarExport(caller, params);
  getWorkingHours: CalendarGateway['getWorkingHours'] = (caller) => this.calendarExport.getWorkingHours(caller);
  createCalendar: CalendarGateway['createCalendar'] = async (caller, params) => {
    try {
      return await this.events.createCalendar(caller, params);
    } finally {
      this.calendars.forgetListing(caller);
    }
  };
  deleteCalendar: CalendarGateway['deleteCalendar'] = async (caller, params) => {
    try {
      return await this.events.deleteCalendar(caller, params);
    } finally {
      this.calendars.forgetListing(caller);
    }
  };
  findEventsByProperty: CalendarGateway['findEventsByProperty'] = (caller, params) => this.events.findEventsByProperty(caller, params);
  writeEvents: CalendarGateway['writeEvents'] = (caller, operations) => this.events.writeEvents(caller, operations);
  listInstances: CalendarGateway['listInstances'] = (caller, params) => this.events.listInstances(caller, params);
  listEventsWithContent: CalendarGateway['listEventsWithContent'] = (caller, params) => this.eventReads.listEventsWithContent(caller, params);
  readEventChanges: CalendarGateway['readEventChanges'] = (caller, params) => this.eventReads.readEventChanges(caller, params);
}
