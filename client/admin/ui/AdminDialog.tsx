import type { ReactNode } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";

/** Props of {@link AdminDialog}; leave `isOpen` out inside a `DialogTrigger`. */
export interface AdminDialogProps {
  title: string;
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
  /** `alertdialog` for confirmations of consequential actions. */
  role?: "dialog" | "alertdialog";
  /** Whether a click outside closes it; off while it shows something that would be lost (a one-time link). */
  isDismissable?: boolean;
  children: ReactNode | ((close: () => void) => ReactNode);
}

/**
 * A modal dialog: focus moves into it, stays there until it closes and then
 * returns to what opened it; Escape closes it, and so does a click outside unless `isDismissable` is off.
 */
export function AdminDialog({ title, isOpen, onOpenChange, role = "dialog", isDismissable = true, children }: AdminDialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable={isDismissable} isOpen={isOpen} onOpenChange={onOpenChange}>
      <Modal className="modal">
        <Dialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">{title}</Heading>
              {typeof children === "function" ? children(close) : children}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
