// The slice of Electron the shell uses, written against the real typings. main.ts passes the real
// modules (so a mismatch fails to compile); tests pass hand-made fakes of the same shape, without the
// Electron binary. Only types are imported here: nothing in this file loads 'electron' at run time.
import type {
  App,
  BrowserWindowConstructorOptions,
  Clipboard,
  CustomScheme,
  Display,
  Event,
  HandlerDetails,
  Input,
  IpcMainInvokeEvent,
  IpcRendererEvent,
  LoginItemSettings,
  LoginItemSettingsOptions,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Point,
  Rectangle,
  Settings,
  Shell,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
  WindowOpenHandlerResponse,
} from 'electron';

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  getURL(): string;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
  on(event: 'before-input-event', listener: (event: Event, input: Input) => void): unknown;
}

/** What the IPC sender check reads from an invoke event. */
export interface InvokeEventLike {
  sender: Pick<IpcMainInvokeEvent['sender'], 'id'>;
  senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  setPosition(x: number, y: number): void;
  getSize(): number[];
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'close', listener: (event: Event) => void): unknown;
}

/** Images are passed as file paths: Electron loads @2x variants and macOS "…Template" images from them. */
export interface TrayLike {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuLike | null): void;
  popUpContextMenu(menu?: MenuLike, position?: Point): void;
  setIgnoreDoubleClickEvents(ignore: boolean): void;
  getBounds(): Rectangle;
  destroy(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'right-click', listener: () => void): unknown;
}

/** A built menu; the shell only hands it back to the tray. */
export type MenuLike = Pick<Electron.Menu, 'items'>;

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: (event: Event) => void): unknown;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler:
      | ((
          contents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: { requestingUrl: string },
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((contents: unknown, permission: string, requestingOrigin: string) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

export interface AppLike {
  readonly isPackaged: boolean;
  /** macOS only. */
  readonly dock: { hide(): void } | undefined;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  getPath(name: 'userData' | 'exe'): string;
  setPath(name: 'userData' | 'sessionData', path: string): void;
  getVersion(): string;
  getAppPath(): string;
  exit(code?: number): void;
  setAppUserModelId(id: string): void;
  disableHardwareAcceleration(): void;
  setLoginItemSettings(settings: Settings): void;
  getLoginItemSettings(
    options?: LoginItemSettingsOptions,
  ): Pick<LoginItemSettings, 'openAtLogin' | 'wasOpenedAtLogin' | 'status'>;
  on(event: 'second-instance', listener: (event: Event, argv: string[]) => void): unknown;
  on(event: 'web-contents-created', listener: (event: Event, contents: WebContentsLike) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
}

/** The parts of the electron module the main process uses. */
export interface ShellElectron {
  app: AppLike;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => WindowLike;
  Tray: new (image: string) => TrayLike;
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): MenuLike;
    /** Only ever given a menu built by buildFromTemplate, or null for none. */
    setApplicationMenu(menu: MenuLike | null): void;
  };
  Notification: { new (options: NotificationConstructorOptions): NotificationLike; isSupported(): boolean };
  screen: {
    getDisplayMatching(rect: Rectangle): Pick<Display, 'workArea'>;
    getDisplayNearestPoint(point: Point): Pick<Display, 'workArea'>;
    getCursorScreenPoint(): Point;
  };
  ipcMain: {
    handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
    removeHandler(channel: string): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  session: { defaultSession: SessionLike };
  shell: Pick<Shell, 'openExternal'>;
  clipboard: Pick<Clipboard, 'writeText'>;
  nativeTheme: { readonly shouldUseDarkColors: boolean };
}

/** The renderer-side slice the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

export type { App };
