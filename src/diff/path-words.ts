// The words of a kustomization file that may be paths: every word is taken as one rather than knowing each
// kustomize field (see closure.ts).
const REMOTE = /^(https?:|git@|git::|ssh:|gh:|oci:|github\.com[/:]|gitlab\.com\/|bitbucket\.org\/)/;
const TOKEN_SPLIT = /[\s,[\]{}"'|>]+/;

/** The words of a YAML text that could be relative paths (comments dropped, keys and URLs left out). */
export function pathWords(text: string): string[] {
  const out: string[] = [];
  for (let word of text.replace(/(^|\s)#.*$/gm, '').split(TOKEN_SPLIT)) {
    word = word.replace(/:$/, '');
    if (!word || word.length > 512 || REMOTE.test(word) || word.includes('://')) continue;
    out.push(...(word.includes('=') ? word.split('=').slice(1) : [word]));
  }
  return out;
}
