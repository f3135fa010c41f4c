// A hand-made stand-in for the slice of Electron in electron-api.ts, for tests on machines without the
// Electron binary. It records what the shell asked for and lets a test play the user and the OS
// (click the tray, blur the window, launch a second instance, call IPC from a chosen sender).
// It is typed against ShellElectron, so it cannot drift from the real API the shell uses.
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  Event,
  HandlerDetails,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Point,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';
import type {
  InvokeEventLike,
  MenuLike,
  ShellElectron,
  TrayLike,
  WebContentsLike,
  WindowLike,
} from './electron-api.ts';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...values: unknown[]) => unknown)(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron event: preventDefault() is recorded. */
export function fakeEvent<T extends object>(params: T): Event<T> {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter implements WebContentsLike {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  url = '';
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, payload: args[0] });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeWindow extends Emitter implements WindowLike {
  readonly webContents = new FakeWebContents();
  readonly options: BrowserWindowConstructorOptions;
  visible = false;
  destroyed = false;
  position: [number, number] | undefined;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  getSize(): number[] {
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
}

export class FakeMenu implements MenuLike {
  readonly items = [];
  readonly template: MenuItemConstructorOptions[];
  constructor(template: MenuItemConstructorOptions[]) {
    this.template = template;
  }
  /** Click the item with this label, as the user would. */
  click(label: string): void {
    const item = this.template.find((entry) => entry.label === label);
    if (!item?.click)
      throw new Error(
        `No clickable menu item "${label}" in ${this.template.map((entry) => entry.label).join(', ')}`,
      );
    if (item.enabled === false) throw new Error(`Menu item "${label}" is disabled`);
    (item.click as () => void)();
  }
  labels(): string[] {
    return this.template.filter((entry) => entry.label).map((entry) => entry.label!);
  }
}

export class FakeTray extends Emitter implements TrayLike {
  images: string[] = [];
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  poppedUp: FakeMenu | undefined;
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;
  constructor(image: string) {
    super();
    this.images.push(image);
  }
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: MenuLike | null): void {
    this.contextMenu = menu as FakeMenu | null;
  }
  popUpContextMenu(menu?: MenuLike): void {
    this.poppedUp = menu as FakeMenu | undefined;
  }
  setIgnoreDoubleClickEvents(): void {}
  getBounds(): Rectangle {
    return this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface FakeElectron extends ShellElectron {
  windows: FakeWindow[];
  trays: FakeTray[];
  notifications: NotificationConstructorOptions[];
  handlers: Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>;
  schemes: CustomScheme[];
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  opened: string[];
  clipboardText: string;
  paths: Map<string, string>;
  /** undefined until the shell sets one: Electron's default menu. */
  applicationMenu: FakeMenu | null | undefined;
  loginItem: { openAtLogin: boolean; path?: string; args?: string[] };
  /** What macOS says about the login item (13+ may want the user's approval first). */
  loginItemStatus: 'enabled' | 'requires-approval';
  permission: {
    request?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string },
    ) => void;
    check?: (contents: unknown, permission: string, requestingOrigin: string) => boolean;
    device?: (details: unknown) => boolean;
  };
  quitCalls: number;
  /** Resolve app.whenReady(). */
  makeReady(): void;
  /** What the OS does when the user launches the app again. */
  launchAgain(argv?: string[]): void;
  /** Emit web-contents-created for a new web contents, as Electron does for every page. */
  createWebContents(): FakeWebContents;
  /** Call an IPC channel as the given window's main frame would (or as someone else). */
  invoke(
    channel: string,
    request: unknown,
    sender?: { id: number; url: string; subframe?: boolean },
  ): Promise<unknown>;
}

export function createFakeElectron(
  options: { lock?: boolean; packaged?: boolean; workArea?: Rectangle } = {},
): FakeElectron {
  const app = new Emitter();
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const workArea = options.workArea ?? { x: 0, y: 0, width: 1920, height: 1080 };

  const fake: FakeElectron = {
    windows: [],
    trays: [],
    notifications: [],
    handlers: new Map(),
    schemes: [],
    protocolHandlers: new Map(),
    opened: [],
    clipboardText: '',
    paths: new Map(),
    applicationMenu: undefined,
    loginItem: { openAtLogin: false },
    loginItemStatus: 'enabled',
    permission: {},
    quitCalls: 0,

    app: Object.assign(app, {
      isPackaged: options.packaged ?? false,
      dock: undefined,
      requestSingleInstanceLock: () => options.lock ?? true,
      whenReady: () => whenReady,
      quit: () => {
        fake.quitCalls++;
        app.emit('before-quit', fakeEvent({}));
      },
      getPath: (name: string) => fake.paths.get(name) ?? `/fake/${name}`,
      setPath: (name: string, value: string) => void fake.paths.set(name, value),
      getVersion: () => '0.1.0',
      getAppPath: () => '/app',
      exit: () => {},
      setAppUserModelId: () => {},
      disableHardwareAcceleration: () => {},
      setLoginItemSettings: (settings: { openAtLogin?: boolean; path?: string; args?: string[] }) => {
        fake.loginItem = {
          openAtLogin: settings.openAtLogin ?? false,
          ...(settings.path ? { path: settings.path } : {}),
          ...(settings.args ? { args: settings.args } : {}),
        };
      },
      // As on Windows: an item reads back as set only when asked with the same arguments it was set with.
      getLoginItemSettings: (query: { args?: string[] } = {}) => ({
        openAtLogin:
          fake.loginItem.openAtLogin &&
          JSON.stringify(query.args ?? []) === JSON.stringify(fake.loginItem.args ?? []),
        wasOpenedAtLogin: false,
        status: fake.loginItem.openAtLogin ? fake.loginItemStatus : ('not-registered' as const),
      }),
    }),
    BrowserWindow: class extends FakeWindow {
      constructor(windowOptions: BrowserWindowConstructorOptions) {
        super(windowOptions);
        fake.windows.push(this);
        // Electron emits web-contents-created for every window's contents.
        app.emit('web-contents-created', fakeEvent({}), this.webContents);
      }
    },
    Tray: class extends FakeTray {
      constructor(image: string) {
        super(image);
        fake.trays.push(this);
      }
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template),
      setApplicationMenu: (menu) => void (fake.applicationMenu = menu as FakeMenu | null),
    },
    Notification: Object.assign(
      class {
        private readonly emitter = new Emitter();
        private readonly options: NotificationConstructorOptions;
        constructor(notificationOptions: NotificationConstructorOptions) {
          this.options = notificationOptions;
        }
        show(): void {
          fake.notifications.push(this.options);
        }
        on(event: 'click', listener: (event: Event) => void): this {
          this.emitter.on(event, listener);
          return this;
        }
      },
      { isSupported: () => true },
    ),
    screen: {
      getDisplayMatching: () => ({ workArea }),
      getDisplayNearestPoint: () => ({ workArea }),
      getCursorScreenPoint: (): Point => ({ x: 10, y: 10 }),
    },
    ipcMain: {
      handle: (channel, listener) => {
        if (fake.handlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        fake.handlers.set(channel, listener);
      },
      removeHandler: (channel) => void fake.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => void fake.schemes.push(...schemes),
      handle: (scheme, handler) => void fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => void (fake.permission.request = handler ?? undefined),
        setPermissionCheckHandler: (handler) => void (fake.permission.check = handler ?? undefined),
        setDevicePermissionHandler: (handler) => void (fake.permission.device = handler ?? undefined),
      },
    },
    shell: {
      openExternal: async (url) => {
        fake.opened.push(url);
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
    clipboard: {
      writeText: async (text) => {
        fake.clipboardText = text;
      },
    },

    makeReady: () => ready(),
    launchAgain: (argv = []) => app.emit('second-instance', fakeEvent({}), argv),
    createWebContents: () => {
      const contents = new FakeWebContents();
      app.emit('web-contents-created', fakeEvent({}), contents);
      return contents;
    },
    invoke: async (channel, request, sender) => {
      const handler = fake.handlers.get(channel);
      if (!handler) throw new Error(`No handler for '${channel}'`);
      const window = fake.windows[0];
      const from = sender ?? { id: window?.webContents.id ?? -1, url: window?.webContents.url ?? '' };
      const event: InvokeEventLike = {
        sender: { id: from.id },
        senderFrame: { url: from.url, parent: from.subframe ? {} : null },
      };
      return handler(event, request);
    },
  };
  return fake;
}
