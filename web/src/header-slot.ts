import { createContext, useContext } from 'react'

/** A place in the shell's header where the current page may put its own figures (the overview's counts). */
export const HeaderSlot = createContext<HTMLElement | null>(null)
export const useHeaderSlot = () => useContext(HeaderSlot)
