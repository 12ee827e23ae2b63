import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
// Inside the project, as dist/ is, so the bundle finds migrations/ the same way.
const outdir = mkdtempSync(join(process.cwd(), '.build-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('npm start runs the built bundle', () => {
  it('the build script bundles the bot, and the bundle plays the demo like the sources do', async () => {
    expect(pkg.scripts.prestart).toBe('npm run -s build');
    expect(pkg.scripts.start).toMatch(/^node (--[\w-]+=\d+ )*dist\/main\.js$/);
    const [bin, ...args] = pkg.scripts.build!.split(' ');
    await run(
      join('node_modules', '.bin', bin!),
      args.map((a) => (a === '--outdir=dist' ? `--outdir=${outdir}` : a)),
    );
    const bundled = await run(process.execPath, [join(outdir, 'main.js'), '--db', ':memory:', '--now', '2026-11-23T10:00', '--script', 'examples/demo.txt']);
    expect(bundled.stdout).toContain('[#1] Proposal #1: Adopt a code of conduct [open]');
    expect(bundled.stdout).toContain("This week's roles (week of Mon 30 Nov 2026)");
    // The platform SDKs stay out of the console's way: they are separate chunks, loaded only when configured.
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    expect(main).not.toMatch(/from ["']@slack\/bolt["']|from ["']discord\.js["']/);
  }, 60_000);
});
