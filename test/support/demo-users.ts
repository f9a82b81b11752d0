/** The demo organisation's people, as the Agents Playground and the Graph emulator know them. */
export interface DemoUser {
  aadObjectId: string;
  name: string;
  email: string;
  locale: string;
}

export const tenantId = '00000000-0000-0000-0000-0000000000001';

export const alex: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', email: 'alexw@example.com', locale: 'en-US' };
export const megan: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', email: 'meganb@example.com', locale: 'en-US' };
export const adele: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance', email: 'adelev@example.com', locale: 'fr-FR' };
export const isaiah: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer', email: 'isaiahl@example.com', locale: 'en-US' };
export const patti: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez', email: 'pattif@example.com', locale: 'en-US' };
/** A guest: in the directory (userType Guest, UPN with #EXT#), outside the organisation, no mailbox in this tenant. */
export const kim: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000026', name: 'Kim Abercrombie', email: 'kim@litware.example.net', locale: 'en-US' };
export const lynne: DemoUser = { aadObjectId: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins', email: 'lynner@example.com', locale: 'en-US' };

/** The same person writing in French. */
export const inFrench = (user: DemoUser): DemoUser => ({ ...user, locale: 'fr-FR' });
