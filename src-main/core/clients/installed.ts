// "Is this client on the machine?" without counting what we made ourselves: our first configure may have
// created the client's config folder (~/.config/zed), which is no sign that the client was ever installed.
import type { FirstWrite } from './config-file.ts';
import { pathsFor, type ClientEnvironment } from './environment.ts';
import { isInstalled, type ClientSpec } from './table.ts';

/**
 * The folders of `firstWrite.createdDirs` that still hold only what we put there (our file, its backups,
 * other folders of ours). Once the client writes its own files into one, that folder counts as the client's.
 */
function ourOwnPaths(env: ClientEnvironment, firstWrite: FirstWrite): Set<string> {
  const p = pathsFor(env.platform);
  const ours = new Set<string>();
  const fileName = p.basename(firstWrite.file);
  if (firstWrite.createdFile) ours.add(firstWrite.file);
  // Deepest first, so a parent sees whether its child folder is still only ours.
  for (const dir of firstWrite.createdDirs) {
    const onlyOurs = env
      .list(dir)
      .every(
        (name) =>
          ours.has(p.join(dir, name)) ||
          (p.join(dir, name) === firstWrite.file && firstWrite.createdFile) ||
          (p.join(dir, fileName) === firstWrite.file && name.startsWith(`${fileName}.basecamp-`)),
      );
    if (onlyOurs) ours.add(dir);
  }
  return ours;
}

/** isInstalled, with the file and folders our own first write created (and nothing else uses) left out. */
export function isInstalledApartFromUs(
  spec: ClientSpec,
  env: ClientEnvironment,
  firstWrite: FirstWrite | undefined,
): boolean {
  if (!firstWrite) return isInstalled(spec, env);
  const ours = ourOwnPaths(env, firstWrite);
  if (ours.size === 0) return isInstalled(spec, env);
  return isInstalled(spec, { ...env, exists: (file) => !ours.has(file) && env.exists(file) });
}
