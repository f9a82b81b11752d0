/**
 * The one door to ical.js: every iCalendar text the product reads or writes goes through it.
 * ical.js ships ESM with a CommonJS build; this module is where the project imports it.
 */
import ICAL from 'ical.js';

export { ICAL };
