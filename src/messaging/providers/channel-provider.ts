export interface OutgoingMessage {
  id: string;
  workspaceId: string;
  channel: string;
  /** E.164. */
  address: string;
  text: string;
}

export interface ChannelResult {
  status: 'sent' | 'failed';
}

/** Delivery to WhatsApp, SMS, ...: a real provider plugs in behind this token. */
export interface ChannelProvider {
  send(message: OutgoingMessage): Promise<ChannelResult>;
}

export const CHANNEL_PROVIDER = Symbol('ChannelProvider');

/** The default provider: accepts every message as sent (no network). */
export class AcceptAllChannelProvider implements ChannelProvider {
  send(): Promise<ChannelResult> {
    return Promise.resolve({ status: 'sent' });
  }
}
