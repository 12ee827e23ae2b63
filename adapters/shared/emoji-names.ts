/**
 * Emoji by name, as Slack sends reactions (`+1`, `thumbsup::skin-tone-3`) and as people type them in
 * the console (`:+1:`): translated to the emoji itself, the only form the core reads.
 */
const BY_NAME: Record<string, string> = {
  '+1': '👍',
  thumbsup: '👍',
  thumbs_up: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  thumbs_down: '👎',
  shrug: '🤷',
  person_shrugging: '🤷',
  man_shrugging: '🤷',
  woman_shrugging: '🤷',
  octagonal_sign: '🛑',
  stop_sign: '🛑',
  // A poll's options.
  one: '1️⃣',
  two: '2️⃣',
  three: '3️⃣',
  four: '4️⃣',
  five: '5️⃣',
  six: '6️⃣',
  seven: '7️⃣',
  eight: '8️⃣',
  nine: '9️⃣',
  keycap_ten: '🔟',
};

/** The emoji a reaction name stands for; anything else (an emoji already, a name we do not vote with) unchanged. */
export function emojiOf(reaction: string): string {
  const name = reaction
    .trim()
    .replace(/^:|:$/g, '')
    .replace(/::skin-tone-\d$/, '')
    .toLowerCase();
  return Object.hasOwn(BY_NAME, name) ? BY_NAME[name]! : reaction;
}
