import { trainedClassifier } from '../../src/nlu';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { loadCorpus } from '../../src/nlu/corpus';

/** The troubleshooting tree's keywords are symptom words of the classifier: one place says what names a problem. */
describe("the tree's keywords in the classifier", () => {
  let withoutTree: IntentClassifier;
  beforeAll(async () => {
    withoutTree = await IntentClassifier.train(loadCorpus());
  });

  it.each([
    ['en', 'two-factor keeps blocking me in outlook', 'sign-in-mfa'],
    ['fr', 'le double facteur me bloque dans outlook', 'sign-in-mfa'],
  ] as const)('%s "%s" names %s', async (locale, text, symptom) => {
    const symptomOf = async (classifier: IntentClassifier) => (await classifier.classify(locale, text, [])).entities.find((entity) => entity.entity === 'symptom')?.option;
    expect(await symptomOf(await trainedClassifier())).toBe(symptom);
    // Without the tree's words the same sentence names no problem: the keywords are what recognised it.
    expect(await symptomOf(withoutTree)).toBeUndefined();
  });
});
