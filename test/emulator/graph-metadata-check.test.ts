import { checkExchange, resolvePath } from '../support/graph-metadata-check';
import { loadGraphModel } from '../support/graph-metadata';

const model = loadGraphModel();
const context = 'http://127.0.0.1/v1.0/$metadata#users(\'a\')/calendars/$entity';
const calendar = { '@odata.context': context, '@odata.etag': 'W/"k"', id: 'c1', name: 'Calendar', canShare: true, color: 'lightBlue', owner: { name: 'A', address: 'a@example.com' } };
const get = (url: string, responseBody: unknown, status = 200) => checkExchange(model, { method: 'GET', url, status, responseBody });

/** The checker itself: it must pass what the metadata allows and catch each kind of drift. */
describe('graph metadata checker', () => {
  it('accepts an answer that keeps to the metadata', () => {
    expect(get('/users/a/calendars/c1?$select=name,owner', calendar)).toEqual([]);
    expect(get('/me/calendars', { '@odata.context': context, '@odata.nextLink': 'http://x/v1.0/me/calendars?$skiptoken=1', value: [calendar] })).toEqual([]);
  });

  it.each([
    ['a property the metadata does not have', { ...calendar, isShared: true }, 'isShared: not a property of graph.calendar'],
    ['a value of the wrong type', { ...calendar, canShare: 'yes' }, 'canShare: expected Edm.Boolean'],
    ['an enum value outside the enum', { ...calendar, color: 'darkPurple' }, "'darkPurple' is not a member of graph.calendarColor"],
    ['a nested property the complex type does not have', { ...calendar, owner: { name: 'A', address: 'a@x', id: '1' } }, 'owner.id: not a property of graph.emailAddress'],
    ['an annotation Graph does not write', { ...calendar, '@odata.weird': 1 }, '@odata.weird: unknown annotation'],
    ['a body without @odata.context', { id: 'c1', name: 'x' }, 'without @odata.context'],
  ])('refuses %s', (_case, body, expected) => {
    expect(get('/me/calendars/c1', body).join('\n')).toContain(expected);
  });

  it('refuses a collection answer with other top-level members, and items that drift', () => {
    const problems = get('/me/calendars', { '@odata.context': context, value: [{ ...calendar, role: 'owner' }], count: 1 });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('.count: not part of a collection answer'), expect.stringContaining('value[0].role: not a property of graph.calendar')]));
  });

  it('refuses paths, $select and parameters the metadata does not have', () => {
    expect(resolvePath(model, '/me/calendars/c1/sharedWith').problem).toContain("'sharedWith' is neither a property");
    expect(resolvePath(model, '/groups/g1').problem).toContain("'groups' is no entity set");
    expect(get('/me/calendars?$select=name,colour', { '@odata.context': context, value: [] })).toEqual([expect.stringContaining("'colour', not a member of graph.calendar")]);
    const schedule = checkExchange(model, { method: 'POST', url: '/me/calendar/getSchedule', requestBody: { schedules: ['a@x'], interval: 30 }, status: 200, responseBody: { '@odata.context': context, value: [] } });
    expect(schedule).toEqual([expect.stringContaining('interval: not a parameter of getSchedule')]);
  });

  it('checks every request of a $batch against its own answer', () => {
    const problems = checkExchange(model, {
      method: 'POST',
      url: '/$batch',
      requestBody: { requests: [{ id: '1', method: 'GET', url: '/me/calendar' }, { id: '2', method: 'POST', url: '/me/calendar/calendarPermissions', body: { role: 'reviewer' } }] },
      status: 200,
      responseBody: { responses: [{ id: '1', status: 200, body: { ...calendar, hexColour: '#fff' } }, { id: '2', status: 400, body: { error: { code: 'BadRequest', message: 'x' } } }] },
    });
    expect(problems).toEqual([expect.stringContaining('hexColour: not a property of graph.calendar'), expect.stringContaining("'reviewer' is not a member of graph.calendarRoleType")]);
  });

  it('refuses an error answer without Graph\'s envelope', () => {
    expect(get('/me', { message: 'nope' }, 403)).toEqual([expect.stringContaining("without Graph's {error:{code,message}}")]);
  });
});
