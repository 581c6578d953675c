import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, TextField,
  type Key, type ValidationResult,
} from "react-aria-components";

/** Message of an invalid field: ours for a missing value, otherwise the browser's or the server's. */
function useErrorMessage(): (v: ValidationResult) => string {
  const { t } = useTranslation("admin");
  return (v) => {
    if (v.validationDetails.valueMissing) return t("form.required");
    if (v.validationDetails.typeMismatch) return t("form.invalidEmail");
    return v.validationErrors.join(" ");
  };
}

/** Props of {@link TextInputField}. */
export interface TextInputFieldProps {
  name: string;
  label: string;
  description?: ReactNode;
  type?: "text" | "email" | "password" | "search";
  isRequired?: boolean;
  autoFocus?: boolean;
  autoComplete?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  validate?: (value: string) => string | null | undefined;
}

/** A labelled text input with its description and error. */
export function TextInputField({ label, description, ...props }: TextInputFieldProps) {
  const errorMessage = useErrorMessage();
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      <Input className="input" />
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </TextField>
  );
}

/** One choice of a {@link SelectField}. */
export interface Option {
  id: string;
  label: string;
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  name?: string;
  label: string;
  options: Option[];
  value?: string | null;
  defaultValue?: string;
  onChange?: (key: string | null) => void;
  placeholder?: string;
  description?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
  autoFocus?: boolean;
  className?: string;
}

/** A labelled single-choice list that opens as a popover (react-aria `Select`). */
export function SelectField({ label, options, description, onChange, className, ...props }: SelectFieldProps) {
  const errorMessage = useErrorMessage();
  const onKeyChange = onChange && ((key: Key | null) => onChange(key === null ? null : String(key)));
  return (
    <Select className={`field ${className ?? ""}`} {...props} onChange={onKeyChange}>
      <Label>{label}</Label>
      <Button className="input select-button">
        <SelectValue className="select-value" />
        <span aria-hidden="true" className="select-chevron">▾</span>
      </Button>
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => <ListBoxItem className="listbox__item" id={option.id}>{option.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** Props of {@link ComboBoxField}. */
export interface ComboBoxFieldProps {
  label: string;
  options: Option[];
  /** The chosen option, or null. */
  value: string | null;
  onChange(key: string | null): void;
  /** With `allowsCustomValue`, the typed text is the value. */
  inputValue?: string;
  onInputChange?: (text: string) => void;
  allowsCustomValue?: boolean;
  placeholder?: string;
  description?: ReactNode;
  className?: string;
}

/** A labelled text input with a filtered list of suggestions (react-aria `ComboBox`). */
export function ComboBoxField({ label, options, value, onChange, description, className, placeholder, ...props }: ComboBoxFieldProps) {
  return (
    <ComboBox className={`field ${className ?? ""}`} items={options} value={value} menuTrigger="focus"
      onChange={(key: Key | null) => onChange(key === null ? null : String(key))} {...props}>
      <Label>{label}</Label>
      <div className="combobox">
        <Input className="input combobox__input" placeholder={placeholder} />
        <Button className="combobox__button"><span aria-hidden="true">▾</span></Button>
      </div>
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <Popover className="popover">
        <ListBox className="listbox">
          {(option: Option) => <ListBoxItem className="listbox__item" id={option.id}>{option.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
