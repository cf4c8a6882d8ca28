import { AbortedError, UserError } from '../../src/errors';
import { confirmOrRefuse, type Confirmation } from '../../src/services/confirm';
import { scriptedPrompter } from '../support/fakes';

const ask: Confirmation = {
  question: 'Apply these changes in us-east-1?',
  refusal: 'apigw apply changes AWS and needs confirmation, but there is no terminal to ask on.',
  hints: ['Review the plan above.'],
  declined: 'Nothing was changed.',
};

describe('confirmOrRefuse (the one confirmation path)', () => {
  it('without a terminal: CONFIRMATION_REQUIRED, exit 1, a hint naming --yes, and nothing asked', async () => {
    const prompter = scriptedPrompter([]);
    const err = await confirmOrRefuse({ interactive: false, prompter }, ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'CONFIRMATION_REQUIRED', exitCode: 1, message: ask.refusal });
    expect((err as UserError).hints).toEqual(['Review the plan above.', 'Rerun with --yes.']);
    expect(prompter.asked).toEqual([]);
  });

  it('keeps the hints as given when one already names the flag (init names --force)', async () => {
    const prompter = scriptedPrompter([]);
    const hints = ['Pass --force to replace it.'];
    const err = await confirmOrRefuse(
      { interactive: false, prompter },
      { ...ask, hints, flag: '--force' },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFIRMATION_REQUIRED', exitCode: 1, hints });
  });

  it('on a terminal: asks, goes ahead on yes, aborts (exit 3) on no', async () => {
    const yes = scriptedPrompter([true]);
    await expect(confirmOrRefuse({ interactive: true, prompter: yes }, ask)).resolves.toBeUndefined();
    expect(yes.asked).toEqual([ask.question]);
    const no = scriptedPrompter([false]);
    const err = await confirmOrRefuse({ interactive: true, prompter: no }, ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).toMatchObject({ exitCode: 3, message: 'Nothing was changed.' });
  });
});
