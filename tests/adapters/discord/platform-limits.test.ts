// Discord's own limits, written here as literals from Discord's documentation, and not read from
// adapters/discord/render.ts's LIMITS: raising a limit in the code past Discord's must fail here.
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands';
import { proposeModal, reasonModal } from '../../../adapters/discord/modals';
import { renderMessage, renderReply } from '../../../adapters/discord/render';
import { hugeDocs } from '../../helpers/huge-docs';

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** title + description + field names and values + footer + author name, across all embeds of a message */
  totalPerMessage: 6000,
} as const;

/** https://discord.com/developers/docs/resources/message#create-message (and #allowed-mentions-object) */
const MESSAGE = { content: 2000, embeds: 10, allowedUsers: 100 } as const;

/** https://discord.com/developers/docs/interactions/message-components (action rows, buttons, selects, text inputs) */
const COMPONENTS = {
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  textInputMaxLength: 4000,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  label: 45,
  labelDescription: 100,
} as const;

/** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal */
const MODAL = { title: 45, customId: 100, components: 5 } as const;

/**
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object
 * (and #...-autocomplete: at most 25 choices in an autocomplete answer too)
 */
const COMMANDS = { name: 32, description: 100, options: 25, choices: 25, choiceName: 100, choiceValue: 100, totalChars: 4000 } as const;

const USERS = Array.from({ length: 400 }, (_, i) => String(900_000_000_000_000_000n + BigInt(i)));

type Any = Record<string, any>;

function embedProblems(embeds: Any[]): string[] {
  const p: string[] = [];
  const max = (what: string, n: number, limit: number) => {
    if (n > limit) p.push(`${what}: ${n} > ${limit}`);
  };
  let total = 0;
  embeds.forEach((e, i) => {
    const len = (s: string | undefined) => {
      total += s?.length ?? 0;
      return s?.length ?? 0;
    };
    max(`embed ${i} title`, len(e.title), EMBED.title);
    max(`embed ${i} description`, len(e.description), EMBED.description);
    max(`embed ${i} footer`, len(e.footer?.text), EMBED.footer);
    max(`embed ${i} author`, len(e.author?.name), EMBED.authorName);
    max(`embed ${i} fields`, e.fields?.length ?? 0, EMBED.fields);
    for (const f of e.fields ?? []) {
      max(`embed ${i} field name`, len(f.name), EMBED.fieldName);
      max(`embed ${i} field value`, len(f.value), EMBED.fieldValue);
      if (!f.name || !f.value) p.push(`embed ${i} has an empty field name or value`);
    }
  });
  max('embeds per message', embeds.length, MESSAGE.embeds);
  max('characters across embeds', total, EMBED.totalPerMessage);
  return p;
}

function rowProblems(rows: Any[]): string[] {
  const p: string[] = [];
  if (rows.length > COMPONENTS.actionRows) p.push(`action rows: ${rows.length}`);
  for (const row of rows) {
    if (row.components.length > COMPONENTS.buttonsPerRow) p.push(`buttons in a row: ${row.components.length}`);
    for (const b of row.components) {
      if ((b.label ?? '').length > COMPONENTS.buttonLabel) p.push(`button label: ${b.label.length}`);
      if (b.custom_id.length > COMPONENTS.customId) p.push(`custom_id: ${b.custom_id.length}`);
    }
  }
  return p;
}

describe("every message stays within Discord's documented limits", () => {
  for (const { label, doc } of hugeDocs(USERS)) {
    it(`${label}, as a channel message and as a reply`, () => {
      for (const m of [renderMessage(doc), renderReply(doc)] as Any[]) {
        expect(m.content.length).toBeLessThanOrEqual(MESSAGE.content);
        expect(m.allowed_mentions.users.length).toBeLessThanOrEqual(MESSAGE.allowedUsers);
        expect(m.allowed_mentions.parse).toEqual([]);
        expect(m.content.length + m.embeds.length).toBeGreaterThan(0);
        expect(embedProblems(m.embeds)).toEqual([]);
        expect(rowProblems(m.components)).toEqual([]);
      }
    });
  }

  it('the limits are reached, not just respected', () => {
    // Guards the test itself: docs this large press against every embed limit at once.
    const { doc } = hugeDocs(USERS).find((d) => d.label === 'raw doc with everything')!;
    const m = renderMessage(doc) as Any;
    const e = m.embeds[0];
    expect(e.title.length).toBe(EMBED.title);
    const many = renderMessage(hugeDocs(USERS).find((d) => d.label === 'many short fields')!.doc) as Any;
    expect(many.embeds[0].fields).toHaveLength(EMBED.fields);
    const total =
      e.title.length +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      e.fields.reduce((n: number, f: Any) => n + f.name.length + f.value.length, 0);
    // Within one left-out field of the total: the renderer drops whole fields to fit.
    expect(total).toBeGreaterThan(EMBED.totalPerMessage - EMBED.fieldName - EMBED.fieldValue);
    expect(Math.max(...e.fields.map((f: Any) => f.value.length))).toBeGreaterThan(EMBED.fieldValue - 10);
    const reminder = renderMessage(hugeDocs(USERS).find((d) => d.label.startsWith('reminder'))!.doc) as Any;
    expect(reminder.content.length).toBeGreaterThan(MESSAGE.content - 25);
    const error = renderReply(hugeDocs(USERS).find((d) => d.label === 'error')!.doc) as Any;
    expect(error.content.length).toBe(MESSAGE.content);
  });
});

describe("forms stay within Discord's documented limits", () => {
  const forms = {
    'propose, empty': proposeModal(),
    'propose, prefilled with over-long values': proposeModal({
      title: 't'.repeat(9000),
      reasons: 'r'.repeat(9000),
      closes: 'c'.repeat(9000),
      rule: 'majority',
      quorum: '9'.repeat(9000),
    }),
    reason: reasonModal(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  };
  for (const [label, form] of Object.entries(forms) as [string, Any][]) {
    it(label, () => {
      expect(form.title.length).toBeLessThanOrEqual(MODAL.title);
      expect(form.custom_id.length).toBeLessThanOrEqual(MODAL.customId);
      expect(form.components.length).toBeLessThanOrEqual(MODAL.components);
      for (const label of form.components) {
        expect(label.label.length).toBeLessThanOrEqual(COMPONENTS.label);
        expect((label.description ?? '').length).toBeLessThanOrEqual(COMPONENTS.labelDescription);
        const c = label.component;
        expect(c.custom_id.length).toBeLessThanOrEqual(COMPONENTS.customId);
        if (c.max_length !== undefined) expect(c.max_length).toBeLessThanOrEqual(COMPONENTS.textInputMaxLength);
        if (c.value !== undefined) expect(c.value.length).toBeLessThanOrEqual(Math.min(COMPONENTS.textInputValue, c.max_length ?? Infinity));
        if (c.placeholder !== undefined) expect(c.placeholder.length).toBeLessThanOrEqual(COMPONENTS.textInputPlaceholder);
        if (c.options) {
          expect(c.options.length).toBeLessThanOrEqual(COMPONENTS.selectOptions);
          for (const o of c.options) {
            expect(o.label.length).toBeLessThanOrEqual(COMPONENTS.selectOptionLabel);
            expect(o.value.length).toBeLessThanOrEqual(COMPONENTS.selectOptionValue);
          }
        }
      }
    });
  }
});

describe("slash commands stay within Discord's documented limits", () => {
  it('names, descriptions, options and choices', () => {
    const problems: string[] = [];
    const visit = (o: Any, where: string) => {
      if (o.name.length > COMMANDS.name || !/^[-_\p{L}\p{N}]{1,32}$/u.test(o.name)) problems.push(`${where} name ${o.name}`);
      if (o.description.length > COMMANDS.description || o.description.length < 1) problems.push(`${where} description`);
      if ((o.options ?? []).length > COMMANDS.options) problems.push(`${where} options`);
      if ((o.choices ?? []).length > COMMANDS.choices) problems.push(`${where} choices`);
      for (const c of o.choices ?? []) {
        if (c.name.length > COMMANDS.choiceName) problems.push(`${where} choice name ${c.name}`);
        if (typeof c.value === 'string' && c.value.length > COMMANDS.choiceValue) problems.push(`${where} choice value ${c.value}`);
      }
      for (const sub of o.options ?? []) visit(sub, `${where} ${sub.name}`);
    };
    const chars = (o: Any): number =>
      o.name.length +
      o.description.length +
      (o.choices ?? []).reduce((n: number, c: Any) => n + c.name.length + String(c.value).length, 0) +
      (o.options ?? []).reduce((n: number, s: Any) => n + chars(s), 0);
    for (const cmd of commandDefinitions() as Any[]) {
      visit(cmd, `/${cmd.name}`);
      // The combined characters of a command (names, descriptions, choices) are limited too.
      if (chars(cmd) > COMMANDS.totalChars) problems.push(`/${cmd.name} has ${chars(cmd)} characters`);
    }
    expect(problems).toEqual([]);
  });
});
