import { caseHints } from '../../../src/dialogs/troubleshoot/case-hints';
import { loadTroubleshootTrees } from '../../../src/troubleshoot/tree-loader';

describe('what a typed message says about a case', () => {
  const trees = loadTroubleshootTrees();
  const both = [trees.in('en'), trees.in('fr')];

  it.each([
    ['je ne vois pas le calendrier de Megan', { symptomId: 'calendar-missing', personName: 'Megan' }],
    ["Je ne vois pas le calendrier d’Alex", { symptomId: 'calendar-missing', personName: 'Alex' }],
    ["I can't see Megan's calendar", { symptomId: 'calendar-missing', personName: 'Megan' }],
    ["j'ai supprimé le mail d'invitation de alexw@example.com", { symptomId: 'invitation-lost', personAddress: 'alexw@example.com' }],
    ['mon alias ne s’affiche pas', { symptomId: 'alias-missing' }],
    ["I lost the invitation and can't see the calendar", { symptomId: 'invitation-lost' }],
    ['Calendly cannot connect to Exchange', { symptomId: 'cannot-connect' }],
    ['le partage externe est refusé pour jordan@partner.example.org', { symptomId: 'external-refused', personAddress: 'jordan@partner.example.org' }],
    ['problème de MFA', { symptomId: 'sign-in-mfa' }],
    ['je ne vois pas le calendrier de ma collègue', { symptomId: 'calendar-missing' }],
    ['hello', {}],
  ])('%s', (text, hints) => {
    expect(caseHints(text, both)).toEqual(hints);
  });
});
