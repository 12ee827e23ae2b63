// Slack's own limits, written here as literals from Slack's documentation, and not read from
// adapters/slack/render.ts's LIMITS: raising a limit in the code past Slack's must fail here.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/slack/render';
import { proposeModal, reasonModal } from '../../../adapters/slack/modals';
import { hugeDocs } from '../../helpers/huge-docs';

/** https://api.slack.com/reference/block-kit/blocks (each block type's fields) */
const BLOCKS = {
  perMessage: 50,
  perModal: 100,
  blockId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
} as const;

/** https://api.slack.com/reference/block-kit/block-elements (button, plain_text_input, static_select) */
const ELEMENTS = {
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  placeholder: 150,
  plainTextInputMaxLength: 3000,
  selectOptions: 100,
} as const;

/** https://api.slack.com/reference/block-kit/composition-objects (text object, option object) */
const COMPOSITION = {
  text: 3000,
  optionText: 75,
  optionValue: 150,
} as const;

/** https://api.slack.com/reference/surfaces/views (modal view) */
const MODAL = {
  title: 24,
  submit: 24,
  close: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

/** https://api.slack.com/methods/chat.postMessage: text longer than 40,000 characters is truncated. */
const MESSAGE_TEXT = 40_000;

const USERS = Array.from({ length: 400 }, (_, i) => `U${String(i).padStart(8, '0')}`);
const nameOf = (id: string) => `Person ${id} ${'&<>'.repeat(40)}`;

type Any = Record<string, any>;

/** Every problem with one block, as readable strings (empty: within Slack's limits). */
function blockProblems(b: Any, where: string): string[] {
  const p: string[] = [];
  const max = (what: string, n: number, limit: number) => {
    if (n > limit) p.push(`${where} ${b.type} ${what}: ${n} > ${limit}`);
  };
  if (b.block_id !== undefined) max('block_id', b.block_id.length, BLOCKS.blockId);
  switch (b.type) {
    case 'section':
      if (b.text) {
        max('text', b.text.text.length, BLOCKS.sectionText);
        if (b.text.text.length === 0) p.push(`${where} section with empty text`);
      }
      if (b.fields) {
        max('fields', b.fields.length, BLOCKS.sectionFields);
        for (const f of b.fields) max('field text', f.text.length, BLOCKS.sectionFieldText);
      }
      if (!b.text && !b.fields) p.push(`${where} section with neither text nor fields`);
      break;
    case 'header':
      max('text', b.text.text.length, BLOCKS.headerText);
      break;
    case 'context':
      max('elements', b.elements.length, BLOCKS.contextElements);
      for (const e of b.elements) if (e.text !== undefined) max('element text', e.text.length, COMPOSITION.text);
      break;
    case 'actions':
      max('elements', b.elements.length, BLOCKS.actionsElements);
      for (const e of b.elements) {
        expect(e.type).toBe('button');
        max('button text', e.text.text.length, ELEMENTS.buttonText);
        max('action_id', e.action_id.length, ELEMENTS.actionId);
        max('button value', (e.value ?? '').length, ELEMENTS.buttonValue);
      }
      break;
    case 'input': {
      max('label', b.label.text.length, BLOCKS.inputLabel);
      if (b.hint) max('hint', b.hint.text.length, BLOCKS.inputHint);
      const e = b.element;
      max('action_id', e.action_id.length, ELEMENTS.actionId);
      if (e.placeholder) max('placeholder', e.placeholder.text.length, ELEMENTS.placeholder);
      if (e.type === 'plain_text_input' && e.max_length !== undefined) max('max_length', e.max_length, ELEMENTS.plainTextInputMaxLength);
      if (e.type === 'static_select') {
        max('options', e.options.length, ELEMENTS.selectOptions);
        for (const o of e.options) {
          max('option text', o.text.text.length, COMPOSITION.optionText);
          max('option value', o.value.length, COMPOSITION.optionValue);
        }
      }
      break;
    }
    case 'divider':
      break;
    default:
      // A new kind of block needs its limits written above before it can pass.
      p.push(`${where}: no limits known for block type ${b.type}`);
  }
  return p;
}

describe("every message stays within Slack's documented limits", () => {
  for (const { label, doc } of hugeDocs(USERS)) {
    it(label, () => {
      const msg = renderMessage(doc, nameOf) as unknown as { text: string; blocks: Any[] };
      expect(msg.blocks.length).toBeGreaterThan(0);
      expect(msg.blocks.length).toBeLessThanOrEqual(BLOCKS.perMessage);
      expect(msg.text.length).toBeGreaterThan(0);
      expect(msg.text.length).toBeLessThanOrEqual(MESSAGE_TEXT);
      expect(msg.blocks.flatMap((b, i) => blockProblems(b, `block ${i}`))).toEqual([]);
    });
  }

  it('the limits are reached, not just respected: long bodies fill sections to near 3,000 characters', () => {
    // Guards the test itself: if the docs were small, a limit raised in the code would go unnoticed.
    const { doc } = hugeDocs(USERS).find((d) => d.label === 'raw doc with everything')!;
    const sections = renderMessage(doc, nameOf).blocks.filter((b: Any) => b.type === 'section' && b.text) as Any[];
    expect(Math.max(...sections.map((s) => s.text.text.length))).toBeGreaterThan(BLOCKS.sectionText - 250);
    expect(renderMessage(doc, nameOf).blocks).toHaveLength(BLOCKS.perMessage);
  });
});

describe("modals stay within Slack's documented limits", () => {
  const views = {
    propose: proposeModal({ teamId: 'T'.repeat(40), channelId: 'C'.repeat(40), channelName: 'n'.repeat(80) }),
    reason: reasonModal(
      { teamId: 'T'.repeat(40), channelId: 'C'.repeat(40), proposalId: Number.MAX_SAFE_INTEGER, number: Number.MAX_SAFE_INTEGER },
      'Long & <title> '.repeat(1000),
    ),
  };
  for (const [label, view] of Object.entries(views) as [string, Any][]) {
    it(label, () => {
      expect(view.title.text.length).toBeLessThanOrEqual(MODAL.title);
      expect(view.submit.text.length).toBeLessThanOrEqual(MODAL.submit);
      expect(view.close.text.length).toBeLessThanOrEqual(MODAL.close);
      expect(view.callback_id.length).toBeLessThanOrEqual(MODAL.callbackId);
      expect(view.private_metadata.length).toBeLessThanOrEqual(MODAL.privateMetadata);
      expect(view.blocks.length).toBeLessThanOrEqual(BLOCKS.perModal);
      expect(view.blocks.flatMap((b: Any, i: number) => blockProblems(b, `block ${i}`))).toEqual([]);
    });
  }
});
