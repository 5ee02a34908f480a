// Renders Markdown (see markdown.ts for what makes it safe) and reports clicks on [n] citation markers.
import { useMemo } from 'preact/hooks';
import { renderMarkdown } from '../markdown';

export function MarkdownView(props: { source: string; onCite?: (n: number) => void; class?: string; testId?: string }) {
  const html = useMemo(() => renderMarkdown(props.source), [props.source]);
  const onClick = (event: MouseEvent) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('button.cite');
    if (target && props.onCite) props.onCite(Number(target.dataset.cite));
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the citation buttons inside handle the keyboard themselves
    // biome-ignore lint/a11y/noStaticElementInteractions: click delegation for the citation buttons
    <div class={`markdown ${props.class ?? ''}`} data-testid={props.testId} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
