import type { ReactNode, Ref } from "react";
import { Button, Tooltip, TooltipTrigger } from "react-aria-components";

/** Props of a toolbar button: its label, the hint shown on hover and focus, and what it does. */
export interface ToolButtonProps {
  children: ReactNode;
  hint?: string;
  /** Absent inside a trigger (a dialog's), which presses the button itself. */
  onPress?: () => void;
  isDisabled?: boolean;
  variant?: "default" | "danger" | "confirm";
  buttonRef?: Ref<HTMLButtonElement>;
}

/** A button of the negotiation toolbar with a tooltip (which also describes it to assistive technology). */
export function ToolButton({ children, hint, onPress, isDisabled, variant = "default", buttonRef }: ToolButtonProps) {
  const button = (
    <Button ref={buttonRef} className={`tool-button tool-button--${variant}`} onPress={onPress} isDisabled={isDisabled}>
      {children}
    </Button>
  );
  if (!hint) return button;
  return (
    <TooltipTrigger delay={500}>
      {button}
      <Tooltip className="tooltip" placement="bottom" offset={6}>{hint}</Tooltip>
    </TooltipTrigger>
  );
}
