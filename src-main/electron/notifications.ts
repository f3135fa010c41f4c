// Native notifications, shown from main (the window has no notification permission).
import type { Notice } from '../core/platform/notices.ts';
import type { ShellElectron } from './electron-api.ts';

export function createNotifier(
  electron: Pick<ShellElectron, 'Notification'>,
  options: { icon?: string; onClick: (notice: Notice) => void },
): (notice: Notice) => void {
  return (notice) => {
    if (!electron.Notification.isSupported()) return;
    const notification = new electron.Notification({
      title: notice.title,
      body: notice.body,
      silent: notice.kind === 'client-connected' || notice.kind === 'action-done',
      ...(options.icon ? { icon: options.icon } : {}),
    });
    notification.on('click', () => options.onClick(notice));
    notification.show();
  };
}
