import { ConsoleLayout, type PageFrame } from './console-layout.js';

/** A refused request, said plainly, with a way back. */
export function RefusalPage({
  frame,
  title,
  message,
}: {
  frame: PageFrame;
  title: string;
  message: string;
}) {
  return (
    <ConsoleLayout frame={frame} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a class="fr-link" href="/admin/">
          {frame.t('console.error.backHome')}
        </a>
      </p>
    </ConsoleLayout>
  );
}
